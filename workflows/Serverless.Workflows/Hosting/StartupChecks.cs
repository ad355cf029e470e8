using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serverless.Workflows.Calendar;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Departments;

namespace Serverless.Workflows.Hosting;

/// <summary>
/// Loads and validates every service definition, message schema and the bank holiday calendar when the host starts,
/// so a broken definition stops startup with the file and field named, rather than failing the first citizen.
/// </summary>
public sealed partial class StartupChecks(
    IDefinitionCatalog catalog, MessageContracts contracts, SlaClock sla, TimeProvider clock, ILogger<StartupChecks> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = contracts;
        _ = sla;
        LogLoaded(log, catalog.All.Count, catalog.Latest.Count);
        var coveredUntil = WorkingDayCalendar.LoadBundled().CoveredUntil;
        if (coveredUntil < DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddYears(1)))
            LogCalendarEnding(log, coveredUntil);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Versions} service definition versions ({Services} services)")]
    private static partial void LogLoaded(ILogger log, int versions, int services);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The bank holiday calendar ends on {CoveredUntil}: refresh Calendar/bank-holidays.json from GOV.UK, or working-day SLAs past it will count weekends only")]
    private static partial void LogCalendarEnding(ILogger log, DateOnly coveredUntil);
}
