using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Workflows.Configuration;

namespace Serverless.Workflows.Cases.Cosmos;

/// <summary>Registers the Cosmos DB case store, and creates its database and containers where Bicep does not (emulators).</summary>
public static partial class CosmosCaseStoreSetup
{
    /// <summary>
    /// One <see cref="CosmosAccount"/> (so one CosmosClient) per process, the <see cref="ICaseStore"/> over it, and
    /// <see cref="CaseRetention"/>. When <c>CaseStore:CreateIfNotExists</c> is true a hosted service creates the database
    /// and containers at startup; otherwise they are assumed to exist (Bicep creates them in Azure).
    /// </summary>
    public static IServiceCollection AddCosmosCaseStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<CaseStoreOptions>(configuration);
        services.AddSettings<RetentionOptions>(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => CosmosAccount.Connect(configuration));
        services.TryAddSingleton<CosmosCaseStore>();
        services.TryAddSingleton<ICaseStore>(sp => sp.GetRequiredService<CosmosCaseStore>());
        services.TryAddSingleton<CaseRetention>();
        services.AddHostedService<CosmosCaseStoreInitializer>();
        return services;
    }

    /// <summary>
    /// Creates the database and both containers if missing, partitioned by <c>/id</c>. For emulators and tests; in Azure the
    /// app's identity has data-plane rights only, and Bicep owns the resources.
    /// </summary>
    public static async Task EnsureCreatedAsync(CosmosClient client, CaseStoreOptions options, CancellationToken cancellationToken)
    {
        var database = (await client.CreateDatabaseIfNotExistsAsync(options.DatabaseName, cancellationToken: cancellationToken)).Database;
        await database.CreateContainerIfNotExistsAsync(CasesContainerProperties(options.CasesContainer), cancellationToken: cancellationToken);
        await database.CreateContainerIfNotExistsAsync(new ContainerProperties(options.IdempotencyContainer, PartitionKeyPath), cancellationToken: cancellationToken);
    }

    /// <summary>Both containers are partitioned by the document id: see Cases/README.md.</summary>
    public const string PartitionKeyPath = "/id";

    /// <summary>
    /// The cases container, with the default consistent index over every path: it serves the listing queries' equality
    /// and range filters and their single-property ORDER BY.
    /// </summary>
    public static ContainerProperties CasesContainerProperties(string name) => new(name, PartitionKeyPath);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created Cosmos DB database {Database} and containers {Cases}, {Idempotency} if missing")]
    private static partial void LogCreated(ILogger logger, string database, string cases, string idempotency);

    private sealed class CosmosCaseStoreInitializer(CosmosAccount account, IOptions<CaseStoreOptions> options, ILogger<CosmosCaseStore> logger)
        : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var settings = options.Value;
            if (!settings.CreateIfNotExists)
                return;
            await EnsureCreatedAsync(account.Client, settings, cancellationToken);
            LogCreated(logger, settings.DatabaseName, settings.CasesContainer, settings.IdempotencyContainer);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
