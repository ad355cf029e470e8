using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serverless.Functions.Http;
using Serverless.Functions.Telemetry;
using Serverless.Workflows.Cases.Cosmos;
using Serverless.Workflows.Hosting;
using Serverless.Workflows.Operations;
using Serverless.Workflows.Telemetry;

var host = new HostBuilder()
    .ConfigureFunctionsWebApplication(worker => worker.UseMiddleware<ProblemDetailsMiddleware>())
    .ConfigureServices((context, services) =>
    {
        services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();
        services.AddSingleton<IJourneyTelemetry, ApplicationInsightsJourneyTelemetry>();
        // Registers StartupChecks (a hosted service): like the self-host, this host refuses to start half-wired.
        services.AddServerlessWorkflows(context.Configuration);
        services.AddCosmosCaseStore(context.Configuration);
        // Operators sign in with Entra ID through App Service authentication; App Service sets WEBSITE_AUTH_ENABLED when
        // it is on, and only then is its X-MS-CLIENT-PRINCIPAL header the platform's rather than the caller's.
        services.AddSingleton<IOperatorAuthenticator>(new ClientPrincipalAuthenticator(
            string.Equals(context.Configuration["WEBSITE_AUTH_ENABLED"], "true", StringComparison.OrdinalIgnoreCase)));
    })
    .Build();
await host.RunAsync();
