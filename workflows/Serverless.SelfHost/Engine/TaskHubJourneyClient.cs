using DurableTask.Core;
using DurableTask.Core.Exceptions;
using Serverless.Workflows.Journeys;

namespace Serverless.SelfHost.Engine;

/// <summary><see cref="IJourneyClient"/> over DurableTask.Core's client, for the self-host.</summary>
/// <param name="orchestrator">The orchestrator new journeys start on: the current version, unless a test pins another.</param>
public sealed class TaskHubJourneyClient(TaskHubClient client, string orchestrator = JourneyVersions.Current) : IJourneyClient
{
    // A case's journey runs once: any existing instance, running or finished, blocks a second start.
    private static readonly OrchestrationStatus[] AnyExisting =
    [
        OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.Completed, OrchestrationStatus.Failed,
        OrchestrationStatus.Terminated, OrchestrationStatus.Canceled, OrchestrationStatus.ContinuedAsNew, OrchestrationStatus.Suspended,
    ];

    public async Task<bool> StartIfAbsentAsync(string caseId, CancellationToken cancellationToken)
    {
        try
        {
            await client.CreateOrchestrationInstanceAsync(orchestrator, "", caseId, caseId, tags: null, AnyExisting).ConfigureAwait(false);
            return true;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return false;
        }
    }

    public async Task<bool> ExistsAsync(string caseId, CancellationToken cancellationToken) =>
        await client.GetOrchestrationStateAsync(caseId).ConfigureAwait(false) is not null;

    // DurableTask.Core drops a terminate for an instance that has ended, as it drops a late event.
    public Task TerminateAsync(string caseId, CancellationToken cancellationToken) =>
        client.TerminateInstanceAsync(new OrchestrationInstance { InstanceId = caseId }, "terminated by an operator");

    public async Task<JourneyRuntime?> DescribeAsync(string caseId, CancellationToken cancellationToken) =>
        await client.GetOrchestrationStateAsync(caseId).ConfigureAwait(false) is { } s
            ? new JourneyRuntime(s.OrchestrationStatus.ToString(), s.Name, string.IsNullOrEmpty(s.Version) ? null : s.Version, s.Status,
                s.CreatedTime, s.LastUpdatedTime)
            : null;

    public Task RaiseEventAsync(string caseId, string eventName, object payload, CancellationToken cancellationToken) =>
        client.RaiseEventAsync(new OrchestrationInstance { InstanceId = caseId }, eventName, payload);
}
