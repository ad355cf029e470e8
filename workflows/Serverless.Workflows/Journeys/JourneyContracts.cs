namespace Serverless.Workflows.Journeys;

/// <summary>What the journey learns when it opens a case: only what it needs to branch, never application data.</summary>
public sealed record OpenedJourney(
    bool IdentityAccepted,
    string DepartmentId,
    DateTimeOffset? PaymentExpiresAt,
    TimeSpan InformationResponseWithin);

public sealed record CloseCase(string CaseId, string Reason);

/// <summary>ServiceJourney_v2's first step: the case and the orchestrator (with its version) that runs its journey.</summary>
public sealed record OpenJourney(string CaseId, string Orchestrator);

/// <summary>A v2 journey parks on <paramref name="FailedStep"/> (an activity name, or a journey limit) until an operator acts.</summary>
public sealed record ParkJourney(string CaseId, string FailedStep);

/// <summary>A citizen notification sent by its own step, off the critical path (ServiceJourney_v2 on).</summary>
public sealed record CitizenNotice(string CaseId, string Milestone);

/// <param name="FailedStep">The activity that failed after its retries.</param>
public sealed record JourneyFailure(string CaseId, string FailedStep);

public sealed record RequestInformation(string CaseId, DecisionMade Decision, DateTimeOffset RespondBy);

public sealed record ReturnToDepartment(string CaseId, string DecisionId, DateTimeOffset PausedAt, DateTimeOffset ResumedAt);

public sealed record ConcludeCase(string CaseId, DecisionMade Decision);

/// <summary>How the journey ended: <c>approved</c>, <c>rejected</c>, or <c>closed</c> with a reason code (never free text).</summary>
public sealed record JourneyOutcome(string Status, string? Reason);

/// <summary>Reasons a journey closes without a decision.</summary>
public static class CloseReasons
{
    public const string IdentityInsufficient = "identity_insufficient";
    public const string PaymentFailed = "payment_failed";
    public const string PaymentExpired = "payment_expired";
    public const string InformationNotProvided = "information_not_provided";

    /// <summary>An operator withdrew a parked case (ServiceJourney_v2 on).</summary>
    public const string Withdrawn = "withdrawn";

    /// <summary>The journey was terminated by ops outside the journey; no code path closes with it yet, the refund rule covers it.</summary>
    public const string Terminated = "terminated";

    public static IReadOnlyList<string> All { get; } = [IdentityInsufficient, PaymentFailed, PaymentExpired, InformationNotProvided, Withdrawn, Terminated];
}

/// <summary>The journey's custom status: the step it is on, so a status read needs no history.</summary>
public sealed record JourneyProgress(string Step);
