using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Options;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Hosting;
using Serverless.Workflows.Journeys;

namespace Serverless.SelfHost.Engine;

/// <summary>
/// Runs the journey orchestrator and its activities on DurableTask.Core + DurableTask.AzureStorage: the engine Durable
/// Functions itself runs on, here against Azurite. The same classes run in the Functions app.
/// </summary>
public sealed class DurableTaskCoreEngine : IHostedService, IAsyncDisposable
{
    private readonly AzureStorageOrchestrationService _service;
    private readonly TaskHubWorker _worker;

    public DurableTaskCoreEngine(IServiceProvider services, IConfiguration configuration, IOptions<SelfHostOptions> options, ILoggerFactory loggerFactory)
    {
        var hostJson = options.Value.HostJson;
        var connection = configuration[ConnectionNames.TaskHubStorage]
            ?? throw new InvalidOperationException($"Set '{ConnectionNames.TaskHubStorage}' to the task hub's storage connection string.");
        _service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(connection),
            TaskHubName = options.Value.TaskHubName ?? hostJson.HubName,
            PartitionCount = hostJson.PartitionCount,
            // The default 30 s makes every wait after an idle spell feel broken locally; host.json asks for about 1 s.
            MaxQueuePollingInterval = hostJson.MaxQueuePollingInterval,
            ExtendedSessionsEnabled = hostJson.ExtendedSessionsEnabled,
            ExtendedSessionIdleTimeout = hostJson.ExtendedSessionIdleTimeout,
            // How long a message taken by a worker that then died stays hidden: the bound on a stall after a crash.
            ControlQueueVisibilityTimeout = hostJson.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = hostJson.WorkItemQueueVisibilityTimeout,
            LoggerFactory = loggerFactory,
        });
        Client = new TaskHubClient(_service, new SystemTextJsonDataConverter(), loggerFactory);
        Journeys = new TaskHubJourneyClient(Client);

        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions(), loggerFactory);
        _worker = new TaskHubWorker(_service, loggerFactory);
        // Every version side by side: new journeys start on the current one, running ones finish on theirs.
        _worker.AddTaskOrchestrations([.. JourneyVersions.Orchestrators.Select(version => new ShimOrchestrationCreator(
            version.Key, () => (ITaskOrchestrator)ActivatorUtilities.CreateInstance(services, version.Value), shims).Init())]);
        _worker.AddTaskActivities([.. WorkflowServices.Activities.Select(type => new ShimActivityCreator(
            type.Name, () => (ITaskActivity)ActivatorUtilities.GetServiceOrCreateInstance(services, type), shims).Init())]);
    }

    public TaskHubClient Client { get; }

    public TaskHubJourneyClient Journeys { get; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _service.CreateIfNotExistsAsync().ConfigureAwait(false);
        await _worker.StartAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Stops without stranding work. A forced stop (<c>TaskHubWorker.StopAsync(isForced: true)</c>) drops the in-flight
    /// orchestration sessions first (DurableTask.AzureStorage's AbortAllSessions); the step still running then completes
    /// into a session that is gone, so its result is discarded unsaved and its control-queue messages stay hidden for the
    /// whole visibility timeout: the journey stalls that long after the restart.
    /// Here the backend stops first and gracefully: it stops taking messages, ends idle extended sessions at once, lets the
    /// sessions in flight finish and checkpoint, then drains its partitions and releases their leases. Only then do the
    /// dispatchers stop (the backend's second stop is a no-op). The worker's own graceful order (dispatchers first) would
    /// wait up to 8 s for every idle extended session before the backend could end them.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _service.StopAsync(isForced: false).ConfigureAwait(false);
        await _worker.StopAsync(isForced: false).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _worker.Dispose();
        await ValueTask.CompletedTask.ConfigureAwait(false);
    }
}
