using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Configuration;

namespace Serverless.Workflows.Journeys;

/// <summary>
/// Repairs the gap between the two writes of a submission: a case stored whose journey never started (the process
/// died in between). The journey's first step moves a case out of 'submitted', so the candidates are few.
/// </summary>
public sealed partial class OrphanSweep(ICaseStore cases, IOptions<JourneyOptions> options, TimeProvider clock, ILogger<OrphanSweep> log)
{
    public async Task<int> SweepAsync(IJourneyClient journeys, CancellationToken cancellationToken)
    {
        var stale = await cases.ListStaleSubmittedAsync(clock.GetUtcNow() - options.Value.OrphanAge, 100, cancellationToken).ConfigureAwait(false);
        var started = 0;
        foreach (var record in stale)
        {
            if (await journeys.StartIfAbsentAsync(record.Id, cancellationToken).ConfigureAwait(false))
            {
                started++;
                LogRestarted(log, record.Id);
            }
        }
        return started;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId} had no journey; started it")]
    private static partial void LogRestarted(ILogger log, string caseId);
}
