using System.Globalization;
using Microsoft.AspNetCore.Http;
using Serverless.Workflows.Api;
using Serverless.Workflows.Cases;

namespace Serverless.Workflows.Operations;

/// <summary>
/// The query string of <c>GET /api/v1/ops/cases</c>: <c>service_id</c>, <c>department_id</c>, <c>status</c>,
/// <c>parked=true</c>, <c>sla_breached=true</c>, <c>submitted_from</c>/<c>submitted_to</c> (ISO 8601), <c>page_size</c>
/// and <c>page_token</c>. Parsed into a <see cref="CaseSearch"/> or the 400 to answer.
/// </summary>
public static class OpsCaseSearchQuery
{
    public static (CaseSearch? Search, IResult? Problem) Parse(IQueryCollection query, DateTimeOffset now)
    {
        var status = Text(query, "status");
        if (status is not null && !CaseStatus.All.Contains(status))
            return Bad($"'status' must be one of: {string.Join(", ", CaseStatus.All)}.");
        // 'parked' is the worklist of cases waiting for an operator: status needs_attention, and nothing else.
        if (Text(query, "parked") is { } parked)
        {
            if (parked != "true")
                return Bad("'parked' can only be 'true' (to list everything, leave it out).");
            if (status is not null && status != CaseStatus.NeedsAttention)
                return Bad($"'parked=true' means status '{CaseStatus.NeedsAttention}'; it cannot be combined with another status.");
            status = CaseStatus.NeedsAttention;
        }
        DateTimeOffset? breachedAt = null;
        if (Text(query, "sla_breached") is { } breached)
        {
            if (breached != "true")
                return Bad("'sla_breached' can only be 'true'.");
            breachedAt = now;
        }
        if (!TryTime(query, "submitted_from", out var from) || !TryTime(query, "submitted_to", out var to))
            return Bad("'submitted_from' and 'submitted_to' must be ISO 8601 date-times with an offset, e.g. 2026-12-01T00:00:00Z.");
        if (from is not null && to is not null && from >= to)
            return Bad("'submitted_from' must be before 'submitted_to'.");
        return (new CaseSearch(Text(query, "service_id"), status, Text(query, "department_id"), breachedAt, from, to), null);
    }

    private static string? Text(IQueryCollection query, string name) => query[name].ToString() is { Length: > 0 } v ? v : null;

    private static bool TryTime(IQueryCollection query, string name, out DateTimeOffset? value)
    {
        value = null;
        if (Text(query, name) is not { } text)
            return true;
        // An offset is required: a local time would mean something different on each operator's machine.
        if (!text.EndsWith('Z') && !text.Contains('+') && text.LastIndexOf('-') <= text.IndexOf('T'))
            return false;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var parsed))
            return false;
        value = parsed;
        return true;
    }

    private static (CaseSearch?, IResult?) Bad(string detail) => (null, Problems.BadRequest("invalid-query", detail));
}
