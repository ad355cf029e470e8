using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serverless.Workflows.Api;
using Serverless.Workflows.Applications;
using Serverless.Workflows.Calendar;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Departments;
using Serverless.Workflows.Documents;
using Serverless.Workflows.Evidence;
using Serverless.Workflows.Identity;
using Serverless.Workflows.Journeys;
using Serverless.Workflows.Journeys.Activities;
using Serverless.Workflows.Notifications;
using Serverless.Workflows.Notifications.Sandbox;
using Serverless.Workflows.Operations;
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
        // ServiceJourney_v2's own steps.
        typeof(OpenJourneyActivity), typeof(ParkCaseActivity), typeof(ResumeCaseActivity), typeof(RecordDecisionActivity),
        typeof(NotifyCitizenActivity), typeof(RecordNotificationFailureActivity), typeof(RefundCaseActivity),
    ];

    /// <summary>
    /// The engine and application code. The case store is registered apart (<c>AddCosmosCaseStore</c>) so tests of the
    /// journey on the in-memory engine can put their own behind the port.
    /// </summary>
    public static IServiceCollection AddServerlessWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<JourneyOptions>(configuration);
        services.AddSettings<PlatformOptions>(configuration);
        services.AddOptions<PlatformAccountsOptions>().Bind(configuration.GetSection(PlatformAccountsOptions.Section));
        services.TryAddSingleton(TimeProvider.System);

        // Definitions and the SLA calendar load (and validate) at startup: a broken definition stops the host.
        services.AddSingleton<IDefinitionCatalog>(_ => DefinitionCatalog.LoadEmbedded());
        services.AddSingleton(_ => new SlaClock(WorkingDayCalendar.LoadBundled()));
        services.AddSingleton(_ => MessageContracts.Load());
        services.AddHostedService<StartupChecks>();

        services.AddSingleton(_ => StorageDepartmentQueues.CreateServiceClient(configuration));
        services.AddSingleton<IDepartmentQueues, StorageDepartmentQueues>();
        services.AddSettings<DocumentOptions>(configuration);
        services.TryAddSingleton<IDocumentStore>(sp => ActivatorUtilities.CreateInstance<BlobDocumentStore>(sp, BlobDocumentStore.CreateServiceClient(configuration)));
        services.AddSingleton<DepartmentHandOff>();
        services.TryAddSingleton<IJourneyTelemetry, LoggingJourneyTelemetry>();
        services.AddPlatformSandboxes(configuration);
        services.AddGovUkPay();
        services.AddNotify(configuration);
        services.AddOneLogin(configuration);

        services.AddSingleton<CitizenNotifier>();
        services.AddSingleton<CaseRefunder>();
        services.AddSingleton<JourneyStepContext>();
        services.AddSingleton<CaseCloser>();
        services.AddSingleton<CaseOpener>();
        services.AddSingleton<CaseConcluder>();
        services.TryAddSingleton(JourneyRetryPolicies.Production);
        services.AddSingleton<OperatorActions>();
        services.AddSingleton<OperatorTermination>();
        foreach (var activity in Activities)
            services.AddTransient(activity);

        services.AddSingleton<CitizenAuthentication>();
        services.AddSingleton<SubmitApplication>();
        services.AddSingleton<GetCaseStatus>();
        services.AddSingleton<ProvideInformation>();
        services.AddSingleton<AttachedEvidence>();
        services.AddSingleton<UploadEvidence>();
        services.AddSingleton<PayWebhookIntake>();
        services.AddSingleton<CaseQueries>();
        services.AddSingleton<JourneyHttpApi>();
        services.AddSingleton<OpsHttpApi>();
        services.AddSingleton<HealthHttpApi>();
        services.AddSingleton<PoisonRedrive>();
        services.AddSingleton<SandboxHttpApi>();
        services.AddSingleton<PaySandboxHttpApi>();
        services.AddSingleton<DecisionIntake>();
        services.AddSingleton<OrphanSweep>();
        services.AddSingleton<OperationalMeasurements>();
        return services;
    }

    /// <summary>
    /// The sandboxes for One Login, Pay and Notify: servers only, which the platform reaches through its live adapters over
    /// HTTP, so the adapters are the code under test. Their routes answer only in sandbox mode.
    /// </summary>
    private static void AddPlatformSandboxes(this IServiceCollection services, IConfiguration configuration)
    {
        // The sandboxes' payments and messages sit beside the task hub, so they survive a restart as the journeys do.
        services.TryAddSingleton<ISandboxPaymentLedger>(_ => new TableSandboxPaymentLedger(TaskHubTables(configuration)));
        services.TryAddSingleton(_ => new NotifySandboxStore(() => TaskHubTables(configuration)));
        services.AddHttpClient(PaySandbox.WebhookClient);
        services.AddSingleton<PaySandbox>();
        services.AddSingleton<SandboxIdentityProvider>();
        services.AddHttpClient(NotifySandboxReceipts.HttpClientName);
        services.AddSingleton<NotifySandboxReceipts>();
        services.AddHostedService(sp => sp.GetRequiredService<NotifySandboxReceipts>());
        services.AddSingleton<NotifySandbox>();
    }

    /// <summary>GOV.UK Notify through its official client, in every mode (the Notify sandbox's base URL in sandbox mode).</summary>
    private static void AddNotify(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<NotifyOptions>(configuration);
        services.AddHttpClient(GovukNotifySender.HttpClientName);
        services.AddSingleton<INotificationSender, GovukNotifySender>();
        services.AddSingleton<NotifyCallbackIntake>();
    }

    /// <summary>One Login's core identity JWT, verified against the issuer's published keys (the identity sandbox's in sandbox mode).</summary>
    private static void AddOneLogin(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<OneLoginOptions>(configuration);
        services.AddHttpClient(IdentityKeySet.HttpClientName);
        services.AddSingleton<IdentityKeySet>();
        services.AddSingleton<IIdentityVerifier, OneLoginIdentityVerifier>();
    }

    private static Azure.Data.Tables.TableServiceClient TaskHubTables(IConfiguration configuration)
    {
        var connection = AzureConnection.Resolve(configuration, ConnectionNames.TaskHubStorage, ConnectionKeys.TableServiceUri);
        return connection.ConnectionString is { } cs
            ? new Azure.Data.Tables.TableServiceClient(cs)
            : new Azure.Data.Tables.TableServiceClient(connection.ServiceUri, connection.Credential);
    }
}
