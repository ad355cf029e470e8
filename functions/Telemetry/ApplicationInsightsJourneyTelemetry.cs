using System.Globalization;
using Microsoft.ApplicationInsights;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Telemetry;

namespace Serverless.Functions.Telemetry;

/// <summary>Journey telemetry into Application Insights: custom events and metrics named in <see cref="TelemetryNames"/>.</summary>
public sealed class ApplicationInsightsJourneyTelemetry(TelemetryClient client) : IJourneyTelemetry
{
    public void JourneyStarted(DefinitionKey service) => Event(TelemetryNames.JourneyStarted, service);
    public void JourneyCompleted(DefinitionKey service, string outcome) => Event(TelemetryNames.JourneyCompleted, service, (TelemetryNames.Outcome, outcome));
    public void JourneyFailed(DefinitionKey service, string reason) => Event(TelemetryNames.JourneyFailed, service, (TelemetryNames.Reason, reason));
    public void SlaBreached(DefinitionKey service) => Event(TelemetryNames.SlaBreached, service);
    public void JourneyNeedsAttention(DefinitionKey service, string step) => Event(TelemetryNames.JourneyNeedsAttention, service, (TelemetryNames.Step, step));
    public void CaseExceededMaxAge(DefinitionKey service, string status) => Event(TelemetryNames.CaseExceededMaxAge, service, (TelemetryNames.Reason, status));

    public void PoisonMessage(string queue, string reason) =>
        client.TrackEvent(TelemetryNames.PoisonMessage, new Dictionary<string, string> { [TelemetryNames.Queue] = queue, [TelemetryNames.Reason] = reason });

    public void NotificationFailed(DefinitionKey service, string milestone, string status) =>
        Event(TelemetryNames.NotificationFailed, service, (TelemetryNames.Milestone, milestone), (TelemetryNames.Outcome, status));

    public void StepCompleted(DefinitionKey service, string step, TimeSpan duration) =>
        client.GetMetric(TelemetryNames.StepDuration, TelemetryNames.ServiceId, TelemetryNames.ServiceVersion, TelemetryNames.Step)
            .TrackValue(duration.TotalMilliseconds, service.ServiceId, Version(service), step);

    public void CasesWaitingOnDepartment(string serviceId, int count) =>
        client.GetMetric(TelemetryNames.CasesWaitingOnDepartment, TelemetryNames.ServiceId).TrackValue(count, serviceId);

    public void PoisonQueueDepth(string queue, int depth) =>
        client.GetMetric(TelemetryNames.PoisonQueueDepth, TelemetryNames.Queue).TrackValue(depth, queue);

    private void Event(string name, DefinitionKey service, params (string Key, string Value)[] extra)
    {
        var properties = new Dictionary<string, string> { [TelemetryNames.ServiceId] = service.ServiceId, [TelemetryNames.ServiceVersion] = Version(service) };
        foreach (var (key, value) in extra)
            properties[key] = value;
        client.TrackEvent(name, properties);
    }

    private static string Version(DefinitionKey service) => service.Version.ToString(CultureInfo.InvariantCulture);
}
