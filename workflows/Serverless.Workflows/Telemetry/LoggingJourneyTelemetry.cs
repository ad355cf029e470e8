using Microsoft.Extensions.Logging;
using Serverless.Workflows.Definitions;

namespace Serverless.Workflows.Telemetry;

/// <summary>Journey telemetry as structured logs: the self-host's sink, and the fallback when Application Insights is absent.</summary>
public sealed partial class LoggingJourneyTelemetry(ILogger<LoggingJourneyTelemetry> log) : IJourneyTelemetry
{
    public void JourneyStarted(DefinitionKey service) => Event(log, TelemetryNames.JourneyStarted, service.ServiceId, service.Version, "");
    public void JourneyCompleted(DefinitionKey service, string outcome) => Event(log, TelemetryNames.JourneyCompleted, service.ServiceId, service.Version, outcome);
    public void JourneyFailed(DefinitionKey service, string reason) => Event(log, TelemetryNames.JourneyFailed, service.ServiceId, service.Version, reason);
    public void SlaBreached(DefinitionKey service) => Event(log, TelemetryNames.SlaBreached, service.ServiceId, service.Version, "");
    public void JourneyNeedsAttention(DefinitionKey service, string step) => Event(log, TelemetryNames.JourneyNeedsAttention, service.ServiceId, service.Version, step);
    public void PoisonMessage(string queue, string reason) => Event(log, TelemetryNames.PoisonMessage, queue, 0, reason);
    public void CaseExceededMaxAge(DefinitionKey service, string status) => Event(log, TelemetryNames.CaseExceededMaxAge, service.ServiceId, service.Version, status);

    public void NotificationFailed(DefinitionKey service, string milestone, string status) =>
        Failure(log, TelemetryNames.NotificationFailed, service.ServiceId, service.Version, milestone, status);

    public void StepCompleted(DefinitionKey service, string step, TimeSpan duration) =>
        StepMetric(log, TelemetryNames.StepDuration, service.ServiceId, service.Version, step, duration.TotalMilliseconds);

    public void CasesWaitingOnDepartment(string serviceId, int count) => Metric(log, TelemetryNames.CasesWaitingOnDepartment, serviceId, count);
    public void PoisonQueueDepth(string queue, int depth) => Metric(log, TelemetryNames.PoisonQueueDepth, queue, depth);

    [LoggerMessage(Level = LogLevel.Information, Message = "{TelemetryEvent} {Subject} v{Version} {Detail}")]
    private static partial void Event(ILogger log, string telemetryEvent, string subject, int version, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{TelemetryEvent} {Subject} v{Version} {Milestone} {Status}")]
    private static partial void Failure(ILogger log, string telemetryEvent, string subject, int version, string milestone, string status);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{TelemetryMetric} {ServiceId} v{Version} {Step} = {Value}")]
    private static partial void StepMetric(ILogger log, string telemetryMetric, string serviceId, int version, string step, double value);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{TelemetryMetric} {Subject} = {Value}")]
    private static partial void Metric(ILogger log, string telemetryMetric, string subject, double value);
}
