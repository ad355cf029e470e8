using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Serverless.Workflows.Journeys;

/// <summary><see cref="IJourneyClient"/> over Microsoft.DurableTask's client: the Functions app's [DurableClient] and the in-memory test host.</summary>
public sealed class DurableTaskJourneyClient(DurableTaskClient client) : IJourneyClient
{
    public async Task<bool> StartIfAbsentAsync(string caseId, CancellationToken cancellationToken)
    {
        if (await ExistsAsync(caseId, cancellationToken).ConfigureAwait(false))
            return false;
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(ServiceJourney.Name, caseId, new StartOrchestrationOptions(caseId), cancellationToken)
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

    public Task RaiseEventAsync(string caseId, string eventName, object payload, CancellationToken cancellationToken) =>
        client.RaiseEventAsync(caseId, eventName, payload, cancellationToken);
}
