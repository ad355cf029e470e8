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

    /// <summary>A journey parked on <paramref name="step"/> after its retries: ops must retry or withdraw it.</summary>
    void JourneyNeedsAttention(DefinitionKey service, string step);

    void PoisonMessage(string queue, string reason);

    /// <summary>A case outlived the maximum case age without finishing and was redacted: ops must find out why.</summary>
    void CaseExceededMaxAge(DefinitionKey service, string status);
    void CasesWaitingOnDepartment(string serviceId, int count);
    void PoisonQueueDepth(string queue, int depth);

    /// <summary>
    /// A citizen notification failed (a Notify receipt, a request Notify refused, or one not sent after all its retries):
    /// the milestone and status only.
    /// </summary>
    void NotificationFailed(DefinitionKey service, string milestone, string status);
}
