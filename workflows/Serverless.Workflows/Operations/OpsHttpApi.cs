using Microsoft.AspNetCore.Http;
using Serverless.Workflows.Api;
using Serverless.Workflows.Applications;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Journeys;

namespace Serverless.Workflows.Operations;

/// <summary>
/// The operator API, <c>/api/v1/ops</c>, the same on both hosts: each host's adapter is one call into this class, and
/// only the way an operator is authenticated differs (<see cref="IOperatorAuthenticator"/>). No credentials: 401; a
/// department operator asking for another department's case: 403.
/// </summary>
public sealed class OpsHttpApi(IOperatorAuthenticator authenticator, ICaseStore cases, OperatorActions actions, OperatorTermination termination, TimeProvider clock)
{
    public const int MaxReasonLength = 500;

    public async Task<IResult> SearchAsync(HttpRequest request)
    {
        if (authenticator.Authenticate(request) is not { } who)
            return Unauthenticated();
        var (search, problem) = OpsCaseSearchQuery.Parse(request.Query, clock.GetUtcNow());
        if (problem is not null)
            return problem;
        if (search!.DepartmentId is { } asked && !who.MaySee(asked))
            return Problems.Forbidden("You may only search your own department's cases.");
        if (CaseQueries.PageSize(request) is not { } pageSize)
            return Problems.BadRequest("invalid-query", $"'page_size' must be a whole number from 1 to {CaseQueries.MaxPageSize}.");
        var page = await cases.SearchAsync(search with { DepartmentId = search.DepartmentId ?? who.Scope }, CaseQueries.PageToken(request),
            pageSize, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return CaseQueries.Page(page);
    }

    public async Task<IResult> GetCaseAsync(HttpRequest request, string caseId, IJourneyClient journeys)
    {
        var (record, problem) = await FindAsync(request, caseId).ConfigureAwait(false);
        if (problem is not null)
            return problem;
        var runtime = await journeys.DescribeAsync(caseId, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return Results.Json(OpsCaseView.From(record!.Case, runtime), ApiJson.Options);
    }

    public Task<IResult> RetryAsync(HttpRequest request, string caseId, IJourneyClient journeys) =>
        ActAsync(request, caseId, OperatorActionKinds.Retry, (who, reason, ct) => actions.RetryAsync(caseId, who, reason, journeys, ct));

    public Task<IResult> WithdrawAsync(HttpRequest request, string caseId, IJourneyClient journeys) =>
        ActAsync(request, caseId, OperatorActionKinds.Withdraw, (who, reason, ct) => actions.WithdrawAsync(caseId, who, reason, journeys, ct));

    public async Task<IResult> TerminateAsync(HttpRequest request, string caseId, IJourneyClient journeys)
    {
        var (found, reason, problem) = await AuthoriseActionAsync(request, caseId).ConfigureAwait(false);
        if (problem is not null)
            return problem;
        var result = await termination.TerminateAsync(caseId, found!.Operator.Name, reason!, journeys, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return result switch
        {
            OperatorTerminationResult.Terminated => Results.Json(new OpsActionResult(caseId, "terminate", AlreadyRequested: false), ApiJson.Options, statusCode: 202),
            OperatorTerminationResult.AlreadyTerminated => Results.Json(new OpsActionResult(caseId, "terminate", AlreadyRequested: true), ApiJson.Options, statusCode: 202),
            OperatorTerminationResult.NotFound => Problems.NotFound($"Case '{caseId}'"),
            OperatorTerminationResult.NotClosable => Problems.Conflict("not-terminable",
                "The case is with the department and cannot close until the department decides; nothing was changed."),
            _ => Problems.Conflict("case-finished", "The case has already ended: there is nothing to terminate."),
        };
    }

    private async Task<IResult> ActAsync(
        HttpRequest request, string caseId, string kind, Func<string, string, CancellationToken, Task<OperatorActionResult>> act)
    {
        var (found, reason, problem) = await AuthoriseActionAsync(request, caseId).ConfigureAwait(false);
        if (problem is not null)
            return problem;
        var result = await act(found!.Operator.Name, reason!, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return result switch
        {
            OperatorActionResult.Raised => Results.Json(new OpsActionResult(caseId, kind, AlreadyRequested: false), ApiJson.Options, statusCode: 202),
            OperatorActionResult.AlreadyRaised => Results.Json(new OpsActionResult(caseId, kind, AlreadyRequested: true), ApiJson.Options, statusCode: 202),
            OperatorActionResult.NotFound => Problems.NotFound($"Case '{caseId}'"),
            OperatorActionResult.OtherActionPending => Problems.Conflict("operator-action-pending",
                "Another operator action on this case is already under way; wait for the journey to take it."),
            _ => Problems.Conflict("not-parked", $"The case is not parked (status '{CaseStatus.NeedsAttention}'): there is nothing to {kind}."),
        };
    }

    /// <summary>The case and the operator's reason, if the caller may act on it and gave one.</summary>
    private async Task<(Found? Found, string? Reason, IResult? Problem)> AuthoriseActionAsync(HttpRequest request, string caseId)
    {
        var (found, problem) = await FindAsync(request, caseId).ConfigureAwait(false);
        if (problem is not null)
            return (null, null, problem);
        var (body, bodyProblem) = await JsonBody.ReadObjectAsync(request, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (bodyProblem is not null)
            return (null, null, bodyProblem);
        if (body!["reason"] is not { } node || node.GetValueKind() != System.Text.Json.JsonValueKind.String
            || node.GetValue<string>().Trim() is not { Length: > 0 and <= MaxReasonLength } reason)
            return (null, null, Problems.BadRequest("invalid-body", $"'reason' is required: why you are acting, in 1 to {MaxReasonLength} characters."));
        return (found, reason, null);
    }

    /// <summary>The case, if the caller is an operator who may see it. An unknown case is 404 to every operator.</summary>
    private async Task<(Found? Found, IResult? Problem)> FindAsync(HttpRequest request, string caseId)
    {
        if (authenticator.Authenticate(request) is not { } who)
            return (null, Unauthenticated());
        var record = await cases.FindAsync(caseId, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (record is null)
            return (null, Problems.NotFound($"Case '{caseId}'"));
        return who.MaySee(record.DepartmentId)
            ? (new Found(record, who), null)
            : (null, Problems.Forbidden("This case belongs to another department."));
    }

    private static IResult Unauthenticated() =>
        Problems.Unauthorised("Operator credentials are required: an operator key in X-Api-Key (self-host) or an Entra ID sign-in (Azure).");

    private sealed record Found(CaseRecord Case, OperatorPrincipal Operator);
}

/// <summary>The operator API's routes, relative to <c>/api</c>.</summary>
public static class OpsRoutes
{
    public const string Cases = "v1/ops/cases";
    public const string Case = "v1/ops/cases/{case_id}";
    public const string Retry = "v1/ops/cases/{case_id}/retry";
    public const string Withdraw = "v1/ops/cases/{case_id}/withdraw";
    public const string Terminate = "v1/ops/cases/{case_id}/terminate";
    public const string RedriveDecisions = "v1/ops/poison/decisions/redrive";
}
