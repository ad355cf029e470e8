namespace Serverless.Workflows.Telemetry;

/// <summary>
/// Every custom event, metric and dimension name the app emits to Application Insights, in one place. The workbook and
/// alert queries in infra/ use these names; a test checks every name they use is listed here.
/// </summary>
public static class TelemetryNames
{
    // Custom events (customEvents table).
    public const string JourneyStarted = "JourneyStarted";
    public const string JourneyCompleted = "JourneyCompleted";
    public const string JourneyFailed = "JourneyFailed";
    public const string SlaBreached = "SlaBreached";
    public const string PoisonMessage = "PoisonMessage";
    public const string CaseExceededMaxAge = "CaseExceededMaxAge";

    /// <summary>A journey parked on a failed step and waits for an operator: the ops alert (ServiceJourney_v2 on).</summary>
    public const string JourneyNeedsAttention = "JourneyNeedsAttention";

    /// <summary>
    /// A citizen notification did not reach the citizen: Notify refused it, it failed after all its retries (the journey
    /// went on without it), or Notify's receipt reported a permanent failure.
    /// </summary>
    public const string NotificationFailed = "NotificationFailed";

    // Custom metrics (customMetrics table).
    public const string StepDuration = "JourneyStepDurationMs";
    public const string CasesWaitingOnDepartment = "CasesWaitingOnDepartment";
    public const string PoisonQueueDepth = "PoisonQueueDepth";

    // Dimensions (customDimensions).
    public const string ServiceId = "ServiceId";
    public const string ServiceVersion = "ServiceVersion";
    public const string Step = "Step";
    public const string Outcome = "Outcome";
    public const string Reason = "Reason";
    public const string Queue = "Queue";
    public const string Milestone = "Milestone";

    public static IReadOnlyList<string> Events { get; } = [JourneyStarted, JourneyCompleted, JourneyFailed, SlaBreached, PoisonMessage, JourneyNeedsAttention, NotificationFailed, CaseExceededMaxAge];
    public static IReadOnlyList<string> Metrics { get; } = [StepDuration, CasesWaitingOnDepartment, PoisonQueueDepth];
    public static IReadOnlyList<string> Dimensions { get; } = [ServiceId, ServiceVersion, Step, Outcome, Reason, Queue, Milestone];
}
