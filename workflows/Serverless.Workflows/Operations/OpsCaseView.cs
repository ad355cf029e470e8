using System.Text.Json;
using System.Text.Json.Nodes;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Journeys;

namespace Serverless.Workflows.Operations;

/// <summary>
/// One case as an operator sees it: what the worklists show, plus its timeline, why it is parked, and its orchestration.
/// Never the application, identity, evidence or answers: personal data stays in the case.
/// </summary>
public sealed record OpsCaseView(
    string CaseId, string Reference, string ServiceId, int ServiceVersion, string DepartmentId, string Status, string Step,
    string? Outcome, DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt, DateTimeOffset? FinishedAt, DateTimeOffset? DueAt,
    DateTimeOffset? EscalatedAt, OpsAttentionView? Attention, IReadOnlyList<OpsTimelineView> Timeline, OpsOrchestrationView? Orchestration)
{
    public static OpsCaseView From(CaseRecord c, JourneyRuntime? runtime) => new(
        c.Id, c.Reference, c.ServiceId, c.DefinitionVersion, c.DepartmentId, c.Status, c.Step, c.Outcome, c.SubmittedAt, c.UpdatedAt,
        c.FinishedAt, c.Department?.DueAt, c.Department?.EscalatedAt,
        c.Attention is { } a ? new OpsAttentionView(a.FailedStep, a.ParkedFrom, a.ParkedAt) : null,
        [.. c.Timeline.Select(t => new OpsTimelineView(t.Milestone, t.At, t.Actor, t.Reason))],
        runtime is null ? null : OpsOrchestrationView.From(runtime));
}

public sealed record OpsAttentionView(string FailedStep, string ParkedFrom, DateTimeOffset ParkedAt);

public sealed record OpsTimelineView(string Milestone, DateTimeOffset At, string Actor, string? Reason);

/// <summary>The orchestration's runtime state; its custom status is the journey's progress marker, shown as the JSON it is.</summary>
public sealed record OpsOrchestrationView(
    string RuntimeStatus, string Orchestrator, string? Version, JsonNode? CustomStatus, DateTimeOffset CreatedAt, DateTimeOffset LastUpdatedAt)
{
    public static OpsOrchestrationView From(JourneyRuntime r) =>
        new(r.RuntimeStatus, r.Orchestrator, r.Version, Parse(r.CustomStatus), r.CreatedAt, r.LastUpdatedAt);

    private static JsonNode? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}

/// <summary>The acknowledgement of an operator action: which action, and whether this request raised it or repeated it.</summary>
public sealed record OpsActionResult(string CaseId, string Action, bool AlreadyRequested);
