using Serverless.Workflows.Cases;

namespace Serverless.Workflows.Applications;

/// <summary>
/// What a citizen sees of their case: status, step, timeline and outcome. It carries no application data, so it holds
/// nothing personal beyond what the citizen themself submitted.
/// </summary>
public sealed record CaseStatusView(
    string CaseId,
    string Reference,
    string ServiceId,
    int ServiceVersion,
    string Status,
    string Step,
    DateTimeOffset SubmittedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<TimelineView> Timeline,
    PaymentView? Payment,
    InformationRequestView? InformationRequest,
    OutcomeView? Outcome)
{
    public static CaseStatusView From(CaseRecord c) => new(
        c.Id, c.Reference, c.ServiceId, c.DefinitionVersion, c.Status, c.Step, c.SubmittedAt, c.UpdatedAt,
        [.. c.Timeline.Select(t => new TimelineView(t.Milestone, t.At, t.Actor.StartsWith("department:", StringComparison.Ordinal) ? "department" : t.Actor))],
        c.Payment is { } p ? new PaymentView(p.AmountPence, p.Status, c.Status == CaseStatus.AwaitingPayment ? p.NextUrl : null, p.ExpiresAt, p.RefundStatus) : null,
        c.Status == CaseStatus.AwaitingInformation && c.InformationRequests.LastOrDefault() is { } r ? new InformationRequestView(r.Reason, r.RequestedAt, r.RespondBy) : null,
        CaseStatus.IsFinished(c.Status) ? new OutcomeView(c.Status, c.Decision?.Reason ?? c.Outcome, c.FinishedAt) : null);
}

public sealed record TimelineView(string Milestone, DateTimeOffset At, string Actor);

/// <param name="NextUrl">Where to send the citizen to pay, while payment is outstanding.</param>
public sealed record PaymentView(int AmountPence, string Status, string? NextUrl, DateTimeOffset ExpiresAt, string? RefundStatus);

public sealed record InformationRequestView(string Reason, DateTimeOffset RequestedAt, DateTimeOffset RespondBy);

public sealed record OutcomeView(string Status, string? Reason, DateTimeOffset? DecidedAt);
