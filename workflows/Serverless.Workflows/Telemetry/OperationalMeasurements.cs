using Serverless.Workflows.Cases;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Departments;

namespace Serverless.Workflows.Telemetry;

/// <summary>
/// Gauges taken on a timer: cases waiting on each service's department, and the depth of every poison queue
/// (Azure's QueueMessageCount metric has no per-queue dimension, so the app measures it).
/// </summary>
public sealed class OperationalMeasurements(ICaseStore cases, IDepartmentQueues queues, IDefinitionCatalog catalog, IJourneyTelemetry telemetry)
{
    public async Task MeasureAsync(CancellationToken cancellationToken)
    {
        var waiting = await cases.CountWithDepartmentsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var service in catalog.Latest)
            telemetry.CasesWaitingOnDepartment(service.ServiceId, waiting.GetValueOrDefault(service.ServiceId));

        foreach (var queue in PlatformQueues(catalog))
        {
            var poison = QueueNames.PoisonOf(queue);
            telemetry.PoisonQueueDepth(poison, await queues.ApproximateDepthAsync(poison, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>Every queue the platform uses: the decisions queue and each department's queue.</summary>
    public static IReadOnlyList<string> PlatformQueues(IDefinitionCatalog catalog) =>
        [QueueNames.Decisions, .. catalog.All.Select(d => d.Department.Queue).Distinct().Order(StringComparer.Ordinal)];
}
