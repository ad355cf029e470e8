namespace Serverless.Workflows.Journeys;

/// <summary>What the journey learns when it opens a case: only what it needs to branch, never application data.</summary>
public sealed record OpenedJourney(
    bool IdentityAccepted,
    string DepartmentId,
    DateTimeOffset? PaymentExpiresAt,
    TimeSpan InformationResponseWithin);

public sealed record CloseCase(string CaseId, string Reason);

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
}

/// <summary>The journey's custom status: the step it is on, so a status read needs no history.</summary>
public sealed record JourneyProgress(string Step);
