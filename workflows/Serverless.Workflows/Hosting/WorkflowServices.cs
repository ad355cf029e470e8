using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serverless.Workflows.Api;
using Serverless.Workflows.Applications;
using Serverless.Workflows.Calendar;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Departments;
using Serverless.Workflows.Identity;
using Serverless.Workflows.Journeys;
using Serverless.Workflows.Journeys.Activities;
using Serverless.Workflows.Notifications;
using Serverless.Workflows.Payments;
using Serverless.Workflows.Telemetry;

namespace Serverless.Workflows.Hosting;

/// <summary>Everything both hosts need, registered once: the engine, its ports' adapters and the application code.</summary>
public static class WorkflowServices
{
    /// <summary>The orchestrator and activity types, registered by name in both hosts.</summary>
    public static IReadOnlyList<Type> Activities { get; } =
    [
        typeof(OpenCaseActivity), typeof(CheckPaymentActivity), typeof(HandOffActivity), typeof(RemindDepartmentActivity),
        typeof(EscalateCaseActivity), typeof(RequestInformationActivity), typeof(ReturnToDepartmentActivity),
        typeof(ConcludeCaseActivity), typeof(CloseCaseActivity), typeof(RecordJourneyFailureActivity),
    ];

    /// <summary>
    /// The engine and application code. The case store is registered apart (<c>AddCosmosCaseStore</c>) so tests of the
    /// journey on the in-memory engine can put their own behind the port.
    /// </summary>
    public static IServiceCollection AddServerlessWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JourneyOptions>().Bind(configuration.GetSection("Journeys"));
        services.AddOptions<PlatformOptions>().Bind(configuration.GetSection("Platforms"));
        services.AddOptions<PlatformAccountsOptions>().Bind(configuration.GetSection(PlatformAccountsOptions.Section));
        services.AddOptions<MonitoringOptions>().Bind(configuration.GetSection("Monitoring"));
        services.TryAddSingleton(TimeProvider.System);

        // Definitions and the SLA calendar load (and validate) at startup: a broken definition stops the host.
        services.AddSingleton<IDefinitionCatalog>(_ => DefinitionCatalog.LoadEmbedded());
        services.AddSingleton(_ => new SlaClock(WorkingDayCalendar.LoadBundled()));
        services.AddSingleton(_ => MessageContracts.Load());
        services.AddHostedService<StartupChecks>();

        services.AddSingleton(_ => StorageDepartmentQueues.CreateServiceClient(configuration));
        services.AddSingleton<IDepartmentQueues, StorageDepartmentQueues>();
        services.TryAddSingleton<IJourneyTelemetry, LoggingJourneyTelemetry>();
        services.AddPlatformSandboxes(configuration);
        services.AddGovUkPay();

        services.AddSingleton<CitizenNotifier>();
        services.AddSingleton<CaseRefunder>();
        services.AddSingleton<JourneyStepContext>();
        services.AddSingleton<CaseCloser>();
        foreach (var activity in Activities)
            services.AddTransient(activity);

        services.AddSingleton<CitizenAuthentication>();
        services.AddSingleton<SubmitApplication>();
        services.AddSingleton<GetCaseStatus>();
        services.AddSingleton<ProvideInformation>();
        services.AddSingleton<PayWebhookIntake>();
        services.AddSingleton<CaseQueries>();
        services.AddSingleton<JourneyHttpApi>();
        services.AddSingleton<SandboxHttpApi>();
        services.AddSingleton<PaySandboxHttpApi>();
        services.AddSingleton<DecisionIntake>();
        services.AddSingleton<OrphanSweep>();
        services.AddSingleton<OperationalMeasurements>();
        return services;
    }

    /// <summary>
    /// The sandboxes for One Login, Pay and Notify. Pay's is served over HTTP and used through the live adapter; One
    /// Login's and Notify's are still in-process, so live mode fails at startup for them rather than run half-wired.
    /// </summary>
    private static void AddPlatformSandboxes(this IServiceCollection services, IConfiguration configuration)
    {
        // The Pay sandbox's payments sit beside the task hub, so they survive a restart as the journeys do.
        services.TryAddSingleton<ISandboxPaymentLedger>(_ =>
        {
            var connection = AzureConnection.Resolve(configuration, ConnectionNames.TaskHubStorage, "tableServiceUri");
            return new TableSandboxPaymentLedger(connection.ConnectionString is { } cs
                ? new Azure.Data.Tables.TableServiceClient(cs)
                : new Azure.Data.Tables.TableServiceClient(connection.ServiceUri, connection.Credential));
        });
        services.AddHttpClient(PaySandbox.WebhookClient);
        services.AddSingleton<SandboxIdentityProvider>();
        services.AddSingleton<IIdentityVerifier>(sp => EnsureSandbox(sp).GetRequiredService<SandboxIdentityProvider>());
        // Pay's sandbox is a server only: the platform reaches it through the live adapter (AddGovUkPay), over HTTP.
        services.AddSingleton<PaySandbox>();
        services.AddSingleton<SandboxNotificationOutbox>();
        services.AddSingleton<INotificationSender>(sp => EnsureSandbox(sp).GetRequiredService<SandboxNotificationOutbox>());
    }

    private static IServiceProvider EnsureSandbox(IServiceProvider services)
    {
        var mode = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PlatformOptions>>().Value.Mode;
        return mode == PlatformOptions.SandboxMode
            ? services
            : throw new InvalidOperationException($"Platforms:Mode '{mode}' is not available yet: only '{PlatformOptions.SandboxMode}' is implemented.");
    }
}
