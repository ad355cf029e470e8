using Microsoft.Extensions.Options;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Journeys;
using Serverless.Workflows.Telemetry;

namespace Serverless.SelfHost.Background;

/// <summary>The self-host's stand-in for the Functions timer triggers: orphan sweep, retention and operational gauges.</summary>
public sealed partial class PeriodicWork(
    OrphanSweep orphans, CaseRetention retention, OperationalMeasurements measurements, IJourneyClient journeys,
    IOptions<SelfHostOptions> options, ILogger<PeriodicWork> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        EveryAsync(options.Value.SweepInterval, async ct =>
        {
            await orphans.SweepAsync(journeys, ct).ConfigureAwait(false);
            await retention.RedactDueAsync(ct).ConfigureAwait(false);
        }, stoppingToken),
        EveryAsync(options.Value.MeasureInterval, measurements.MeasureAsync, stoppingToken));

    private async Task EveryAsync(TimeSpan interval, Func<CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await work(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(log, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Periodic work failed; it runs again at the next tick")]
    private static partial void LogFailed(ILogger log, Exception exception);
}
