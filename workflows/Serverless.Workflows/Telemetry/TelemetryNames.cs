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

    public static IReadOnlyList<string> Events { get; } = [JourneyStarted, JourneyCompleted, JourneyFailed, SlaBreached, PoisonMessage, CaseExceededMaxAge];
    public static IReadOnlyList<string> Metrics { get; } = [StepDuration, CasesWaitingOnDepartment, PoisonQueueDepth];
    public static IReadOnlyList<string> Dimensions { get; } = [ServiceId, ServiceVersion, Step, Outcome, Reason, Queue];
}
