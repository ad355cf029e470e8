using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Journeys;
using Serverless.Workflows.Telemetry;

namespace Serverless.Functions.Timers;

/// <summary>Periodic work: start orphaned journeys, redact expired case data, and take the ops gauges.</summary>
public sealed class SweepFunctions(OrphanSweep orphans, CaseRetention retention, OperationalMeasurements measurements)
{
    [Function("SweepOrphanedCases")]
    public Task SweepOrphans([TimerTrigger("0 */5 * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        orphans.SweepAsync(new DurableTaskJourneyClient(durable), cancellationToken);

    [Function("RedactExpiredCases")]
    public Task Redact([TimerTrigger("0 30 2 * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        retention.RedactDueAsync(cancellationToken);

    // Every 5 minutes, fixed: the alert rules (infra/app/alerts.bicep) evaluate every 5 minutes over 15, so a slower
    // schedule would leave windows with no gauge and the poison-queue alert would resolve and re-fire.
    [Function("MeasureOperations")]
    public Task Measure([TimerTrigger("0 */5 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        measurements.MeasureAsync(cancellationToken);
}
