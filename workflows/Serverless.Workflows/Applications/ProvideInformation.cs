using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Microsoft.AspNetCore.Http;
using Serverless.Workflows.Api;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Departments;
using Serverless.Workflows.Journeys;

namespace Serverless.Workflows.Applications;

/// <summary>
/// <c>POST /api/v1/applications/{case_id}/information</c>: the citizen answers the department's request for more
/// information. The answer is validated and stored on the case; the journey is told only which request was answered.
/// </summary>
public sealed class ProvideInformation(ICaseStore cases, IDefinitionCatalog catalog, CitizenAuthentication citizens, TimeProvider clock)
{
    private static readonly JsonSchema AnswerSchema = JsonSchema.FromText("""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "required": ["response"],
          "additionalProperties": false,
          "properties": { "response": { "type": "string", "minLength": 1, "maxLength": 5000 } }
        }
        """);

    public async Task<IResult> HandleAsync(HttpRequest request, string caseId, IJourneyClient journeys, CancellationToken cancellationToken)
    {
        var (record, problem) = await GetCaseStatus.FindOwnCaseAsync(cases, citizens, request, caseId, cancellationToken).ConfigureAwait(false);
        if (record is null)
            return problem!;

        var (body, bodyProblem) = await JsonBody.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
        if (body is null)
            return bodyProblem!;
        var result = AnswerSchema.Evaluate(JsonSerializer.SerializeToElement(body), new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (!result.IsValid)
            return Problems.Invalid([new Definitions.ValidationError("/response", "The body must be {\"response\": \"…\"} with a response of 1 to 5,000 characters and nothing else.")]);

        var latest = record.InformationRequests.LastOrDefault();
        if (record.Status != CaseStatus.AwaitingInformation || latest is null)
            return Problems.Conflict("no-information-requested", "This application is not waiting for more information.");
        var now = clock.GetUtcNow();
        if (latest.AnsweredAt is not null)
        {
            // Answered already: the journey may not have heard (the event was lost after the answer was saved), so
            // tell it again; it ignores an answer it has had. The first answer stands.
            await journeys.RaiseEventAsync(caseId, JourneyEvents.Information, new InformationProvided(latest.DecisionId), cancellationToken)
                .ConfigureAwait(false);
            return Received(caseId);
        }
        if (now > latest.RespondBy)
            return Problems.Conflict("information-deadline-passed", "The deadline to answer this request has passed.");
        var open = latest;
        if (!AnswerFits(record, open, body, now))
            return Problems.CannotHandOff("The answer", QueueMessageSize.MaxBytes);

        // The checks above read a case that may have moved on since (closed when the deadline passed, or answered from
        // another tab): they are made again on the version being replaced, so an answer never lands on a closed case.
        var stillOpen = true;
        await cases.UpdateAsync(caseId, c =>
        {
            var request = c.InformationRequests.Single(r => r.DecisionId == open.DecisionId);
            stillOpen = c.Status == CaseStatus.AwaitingInformation && c.InformationRequests[^1] == request;
            if (!stillOpen || request.AnsweredAt is not null)
                return false;
            request.AnsweredAt = now;
            request.Answer = body;
            return true;
        }, cancellationToken).ConfigureAwait(false);
        if (!stillOpen)
            return Problems.Conflict("no-information-requested", "This application is not waiting for more information.");
        await journeys.RaiseEventAsync(caseId, JourneyEvents.Information, new InformationProvided(open.DecisionId), cancellationToken)
            .ConfigureAwait(false);
        return Received(caseId);
    }

    /// <summary>Measures the message that will carry this answer to the department, encoded as it will be sent.</summary>
    private bool AnswerFits(CaseRecord record, InformationRequest open, JsonObject answer, DateTimeOffset now)
    {
        var answered = new InformationRequest
        {
            DecisionId = open.DecisionId, Reason = open.Reason, RequestedAt = open.RequestedAt, RespondBy = open.RespondBy, AnsweredAt = now, Answer = answer,
        };
        var definition = catalog.Get(new DefinitionKey(record.ServiceId, record.DefinitionVersion));
        return QueueMessageSize.Fits(DepartmentMessages.InformationProvided(record, definition, answered, now));
    }

    private static IResult Received(string caseId) =>
        Results.Json(new { case_id = caseId, status = "information_received" }, ApiJson.Options, statusCode: StatusCodes.Status202Accepted);
}
