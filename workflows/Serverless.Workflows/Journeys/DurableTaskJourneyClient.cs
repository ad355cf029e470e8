using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Serverless.Workflows.Journeys;

/// <summary><see cref="IJourneyClient"/> over Microsoft.DurableTask's client: the Functions app's [DurableClient] and the in-memory test host.</summary>
/// <param name="orchestrator">The orchestrator new journeys start on: the current version, unless a test pins another.</param>
public sealed class DurableTaskJourneyClient(DurableTaskClient client, string orchestrator = JourneyVersions.Current) : IJourneyClient
{
    public async Task<bool> StartIfAbsentAsync(string caseId, CancellationToken cancellationToken)
    {
        if (await ExistsAsync(caseId, cancellationToken).ConfigureAwait(false))
            return false;
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, caseId, new StartOrchestrationOptions(caseId), cancellationToken)
                .ConfigureAwait(false);
            return true;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Another caller may have started it between our check and our start; if not, the failure is real.
            if (await ExistsAsync(caseId, cancellationToken).ConfigureAwait(false))
                return false;
            throw;
        }
    }

    public async Task<bool> ExistsAsync(string caseId, CancellationToken cancellationToken) =>
        await client.GetInstanceAsync(caseId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is not null;

    public async Task TerminateAsync(string caseId, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(caseId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        if (instance is { IsCompleted: false })
            await client.TerminateInstanceAsync(caseId, cancellation: cancellationToken).ConfigureAwait(false);
    }

    public async Task<JourneyRuntime?> DescribeAsync(string caseId, CancellationToken cancellationToken) =>
        await client.GetInstanceAsync(caseId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is { } i
            ? new JourneyRuntime(i.RuntimeStatus.ToString(), i.Name, null, i.SerializedCustomStatus, i.CreatedAt, i.LastUpdatedAt)
            : null;

    /// <summary>
    /// Raises the event; an event for a journey that has ended is dropped, as DurableTask.Core drops it, because
    /// Durable Functions' client throws instead and a late webhook or duplicate decision must stay harmless.
    /// </summary>
    public async Task RaiseEventAsync(string caseId, string eventName, object payload, CancellationToken cancellationToken)
    {
        try
        {
            await client.RaiseEventAsync(caseId, eventName, payload, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            var instance = await client.GetInstanceAsync(caseId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
            if (instance is null || !instance.IsCompleted)
                throw;
        }
    }
}
