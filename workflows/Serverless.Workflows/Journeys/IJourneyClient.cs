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

    /// <summary>Ends the journey's orchestration where it stands (an operator's terminate); a journey already ended is left as it is.</summary>
    Task TerminateAsync(string caseId, CancellationToken cancellationToken);

    /// <summary>The journey's orchestration as ops see it, or null if the case has none: never its inputs or outputs.</summary>
    Task<JourneyRuntime?> DescribeAsync(string caseId, CancellationToken cancellationToken);
}

/// <summary>
/// An orchestration's runtime state: status (Durable's names, e.g. <c>Running</c>), the orchestrator's registered name
/// (which carries the journey version, e.g. <c>ServiceJourney_v2</c>), its version tag if any, and its custom status.
/// </summary>
public sealed record JourneyRuntime(
    string RuntimeStatus, string Orchestrator, string? Version, string? CustomStatus, DateTimeOffset CreatedAt, DateTimeOffset LastUpdatedAt);
