namespace Serverless.Workflows.Journeys;

/// <summary>
/// Starts journeys and raises their events. The instance id is the case id, so a journey can be started at most once
/// per case. Adapters: Durable Functions' client (Functions app, tests) and DurableTask.Core's (self-host).
/// </summary>
public interface IJourneyClient
{
    /// <summary>Starts the case's journey unless one exists already; returns true if this call started it.</summary>
    Task<bool> StartIfAbsentAsync(string caseId, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string caseId, CancellationToken cancellationToken);

    Task RaiseEventAsync(string caseId, string eventName, object payload, CancellationToken cancellationToken);
}
