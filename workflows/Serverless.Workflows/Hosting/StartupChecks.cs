using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Workflows.Calendar;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Departments;
using Serverless.Workflows.Identity;
using Serverless.Workflows.Notifications;
using Serverless.Workflows.Payments;

namespace Serverless.Workflows.Hosting;

/// <summary>
/// Loads and validates every service definition, message schema and the bank holiday calendar when the host starts,
/// so a broken definition stops startup with the file and field named, rather than failing the first citizen. The
/// platform settings and adapters are checked and resolved here too (<see cref="PlatformSettingsCheck"/>), so a wrong
/// mode or a missing secret stops the host rather than failing every in-flight journey at its next activity.
/// </summary>
public sealed partial class StartupChecks(
    IDefinitionCatalog catalog, MessageContracts contracts, SlaClock sla, TimeProvider clock, ILogger<StartupChecks> log,
    IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = contracts;
        _ = sla;
        CheckPlatforms();
        LogLoaded(log, catalog.All.Count, catalog.Latest.Count);
        var coveredUntil = WorkingDayCalendar.LoadBundled().CoveredUntil;
        if (coveredUntil < DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddYears(1)))
            LogCalendarEnding(log, coveredUntil);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Throws, naming every setting to fix, unless the platforms are fully configured for the mode; then resolves the adapters.</summary>
    private void CheckPlatforms()
    {
        var problems = PlatformSettingsCheck.Problems(
            services.GetRequiredService<IOptions<PlatformOptions>>().Value, services.GetRequiredService<IOptions<PlatformAccountsOptions>>().Value,
            services.GetRequiredService<IOptions<NotifyOptions>>().Value, services.GetRequiredService<IOptions<OneLoginOptions>>().Value,
            services.GetRequiredService<IOptions<JourneyOptions>>().Value, catalog);
        if (problems.Count > 0)
            throw new InvalidOperationException("The host refuses to start: " + string.Join(" ", problems));
        _ = services.GetRequiredService<IPaymentGateway>();
        _ = services.GetRequiredService<IIdentityVerifier>();
        _ = services.GetRequiredService<INotificationSender>();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Versions} service definition versions ({Services} services)")]
    private static partial void LogLoaded(ILogger log, int versions, int services);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The bank holiday calendar ends on {CoveredUntil}: refresh Calendar/bank-holidays.json from GOV.UK, or working-day SLAs past it will count weekends only")]
    private static partial void LogCalendarEnding(ILogger log, DateOnly coveredUntil);
}
