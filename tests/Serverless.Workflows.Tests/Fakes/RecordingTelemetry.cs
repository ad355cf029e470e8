using System.Collections.Concurrent;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Telemetry;

namespace Serverless.Workflows.Tests.Fakes;

/// <summary>Records telemetry calls by name, for tests that check the journey emits what ops' workbook needs.</summary>
public sealed class RecordingTelemetry : IJourneyTelemetry
{
    public ConcurrentQueue<(string Name, string Subject, string Detail)> Signals { get; } = new();

    public void JourneyStarted(DefinitionKey service) => Signals.Enqueue((TelemetryNames.JourneyStarted, service.ToString(), ""));
    public void JourneyCompleted(DefinitionKey service, string outcome) => Signals.Enqueue((TelemetryNames.JourneyCompleted, service.ToString(), outcome));
    public void JourneyFailed(DefinitionKey service, string reason) => Signals.Enqueue((TelemetryNames.JourneyFailed, service.ToString(), reason));
    public void StepCompleted(DefinitionKey service, string step, TimeSpan duration) => Signals.Enqueue((TelemetryNames.StepDuration, service.ToString(), step));
    public void SlaBreached(DefinitionKey service) => Signals.Enqueue((TelemetryNames.SlaBreached, service.ToString(), ""));
    public void JourneyNeedsAttention(DefinitionKey service, string step) => Signals.Enqueue((TelemetryNames.JourneyNeedsAttention, service.ToString(), step));
    public void NotificationFailed(DefinitionKey service, string milestone, string status) => Signals.Enqueue((TelemetryNames.NotificationFailed, service.ToString(), $"{milestone}:{status}"));
    public void PoisonMessage(string queue, string reason) => Signals.Enqueue((TelemetryNames.PoisonMessage, queue, reason));
    public void CaseExceededMaxAge(DefinitionKey service, string status) => Signals.Enqueue((TelemetryNames.CaseExceededMaxAge, service.ToString(), status));
    public void CasesWaitingOnDepartment(string serviceId, int count) => Signals.Enqueue((TelemetryNames.CasesWaitingOnDepartment, serviceId, count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    public void PoisonQueueDepth(string queue, int depth) => Signals.Enqueue((TelemetryNames.PoisonQueueDepth, queue, depth.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
