using Serverless.SelfHost.Background;
using Serverless.SelfHost.Endpoints;
using Serverless.SelfHost.Engine;
using Serverless.SelfHost.Queues;
using Serverless.Workflows.Cases.Cosmos;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Hosting;
using Serverless.Workflows.Journeys;
using Serverless.Workflows.Operations;
using Microsoft.Extensions.Options;

namespace Serverless.SelfHost;

/// <summary>Composes the self-host: the shared engine and application code, DurableTask.Core on Azurite, the queue pump, the API.</summary>
public static class SelfHostApp
{
    /// <param name="configure">Runs first: extra configuration sources (tests give each run its own task hub and database).</param>
    /// <param name="overrides">Runs last: replaces services (tests inject faults).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null, Action<IServiceCollection>? overrides = null)
    {
        // Settings and host.json ship beside the binaries, so the self-host runs the same from any working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);

        builder.Services.AddSettings<SelfHostOptions>(builder.Configuration);
        builder.Services.AddServerlessWorkflows(builder.Configuration);
        builder.Services.AddCosmosCaseStore(builder.Configuration);
        builder.Services.AddSingleton<DurableTaskCoreEngine>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DurableTaskCoreEngine>());
        builder.Services.AddSingleton<IJourneyClient>(sp => sp.GetRequiredService<DurableTaskCoreEngine>().Journeys);
        builder.Services.AddHostedService<DecisionQueuePump>();
        builder.Services.AddHostedService<PeriodicWork>();
        builder.Services.AddSingleton<FrontendApiKeyFilter>();
        builder.Services.AddSingleton<OperatorApiKeyFilter>();
        // Operators by configured key: nothing in front of the self-host authenticates anyone, so no header is trusted.
        builder.Services.AddSingleton<IOperatorAuthenticator>(sp => new OperatorKeyAuthenticator(sp.GetRequiredService<IOptions<SelfHostOptions>>().Value.Operators));
        builder.Services.AddProblemDetails();
        overrides?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapJourneyApi();
        return app;
    }
}
