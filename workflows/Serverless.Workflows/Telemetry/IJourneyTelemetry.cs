using Serverless.Workflows.Definitions;

namespace Serverless.Workflows.Telemetry;

/// <summary>
/// Operational signals for the workbook and alerts. No personal data: services, steps, outcomes and queues only.
/// The Functions app sends them to Application Insights; the self-host writes them as structured logs.
/// </summary>
public interface IJourneyTelemetry
{
    void JourneyStarted(DefinitionKey service);
    void JourneyCompleted(DefinitionKey service, string outcome);
    void JourneyFailed(DefinitionKey service, string reason);
    void StepCompleted(DefinitionKey service, string step, TimeSpan duration);
    void SlaBreached(DefinitionKey service);
    void PoisonMessage(string queue, string reason);

    /// <summary>A case outlived the maximum case age without finishing and was redacted: ops must find out why.</summary>
    void CaseExceededMaxAge(DefinitionKey service, string status);
    void CasesWaitingOnDepartment(string serviceId, int count);
    void PoisonQueueDepth(string queue, int depth);
}
