using System.Globalization;
using Microsoft.AspNetCore.Http;
using Serverless.Workflows.Api;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Definitions;

namespace Serverless.Workflows.Applications;

/// <summary>
/// Department and ops reads: a service's cases in a status, newest first, and the cases past their decision SLA, a page
/// at a time. Summaries only: no application data, so a worklist never copies personal data around.
/// </summary>
public sealed class CaseQueries(ICaseStore cases, IDefinitionCatalog catalog, TimeProvider clock)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary><c>GET /api/v1/services/{service_id}/cases?status=…&amp;page_size=…&amp;page_token=…</c></summary>
    public async Task<IResult> ListByStatusAsync(HttpRequest request, string serviceId, CancellationToken cancellationToken)
    {
        if (catalog.FindLatest(serviceId) is null)
            return Problems.NotFound($"Service '{serviceId}'");
        var status = request.Query["status"].ToString();
        if (!CaseStatus.All.Contains(status))
            return Problems.BadRequest("invalid-query", $"'status' must be one of: {string.Join(", ", CaseStatus.All)}.");
        if (PageSize(request) is not { } pageSize)
            return Problems.BadRequest("invalid-query", $"'page_size' must be a whole number from 1 to {MaxPageSize}.");

        var page = await cases.ListByStatusAsync(serviceId, status, PageToken(request), pageSize, cancellationToken).ConfigureAwait(false);
        return Page(page);
    }

    /// <summary><c>GET /api/v1/cases/sla-breaches?page_size=…&amp;page_token=…</c></summary>
    public async Task<IResult> ListSlaBreachesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (PageSize(request) is not { } pageSize)
            return Problems.BadRequest("invalid-query", $"'page_size' must be a whole number from 1 to {MaxPageSize}.");
        var page = await cases.ListBreachingSlaAsync(clock.GetUtcNow(), PageToken(request), pageSize, cancellationToken).ConfigureAwait(false);
        return Page(page);
    }

    internal static IResult Page(CasePage page) =>
        Results.Json(new CaseSummaryPage([.. page.Cases.Select(CaseSummary.From)], page.ContinuationToken), ApiJson.Options);

    internal static int? PageSize(HttpRequest request)
    {
        var text = request.Query["page_size"].ToString();
        if (text.Length == 0)
            return DefaultPageSize;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= MaxPageSize ? size : null;
    }

    internal static string? PageToken(HttpRequest request) =>
        request.Query["page_token"].ToString() is { Length: > 0 } token ? token : null;
}

public sealed record CaseSummaryPage(IReadOnlyList<CaseSummary> Cases, string? NextPageToken);

/// <summary>A case as a department's worklist shows it: ids, status and deadlines, never the application.</summary>
public sealed record CaseSummary(
    string CaseId, string Reference, string ServiceId, int ServiceVersion, string Status, string Step,
    DateTimeOffset SubmittedAt, DateTimeOffset? DueAt, DateTimeOffset? EscalatedAt)
{
    public static CaseSummary From(CaseRecord c) => new(
        c.Id, c.Reference, c.ServiceId, c.DefinitionVersion, c.Status, c.Step, c.SubmittedAt, c.Department?.DueAt, c.Department?.EscalatedAt);
}
