using System.Collections.Concurrent;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Telemetry;

namespace Serverless.Integration.Tests.CaseStore;

/// <summary>Records the max-age alerts retention raises; the journey's other signals do not happen in these tests.</summary>
internal sealed class MaxAgeAlerts : IJourneyTelemetry
{
    public ConcurrentQueue<(DefinitionKey Service, string Status)> Cases { get; } = new();

    public void CaseExceededMaxAge(DefinitionKey service, string status) => Cases.Enqueue((service, status));
    public void JourneyStarted(DefinitionKey service) { }
    public void JourneyCompleted(DefinitionKey service, string outcome) { }
    public void JourneyFailed(DefinitionKey service, string reason) { }
    public void StepCompleted(DefinitionKey service, string step, TimeSpan duration) { }
    public void SlaBreached(DefinitionKey service) { }
    public void JourneyNeedsAttention(DefinitionKey service, string step) { }
    public void NotificationFailed(DefinitionKey service, string milestone, string status) { }
    public void PoisonMessage(string queue, string reason) { }
    public void CasesWaitingOnDepartment(string serviceId, int count) { }
    public void PoisonQueueDepth(string queue, int depth) { }
}
