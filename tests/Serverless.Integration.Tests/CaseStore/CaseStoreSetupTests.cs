using System.Net;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Serverless.Integration.Tests.CaseStore;

public sealed class CaseStoreSetupTests
{
    [Fact]
    public async Task With_create_if_not_exists_startup_creates_the_database_and_the_store_works()
    {
        var databaseName = "cases-setup-" + Guid.NewGuid().ToString("N")[..12];
        await using var services = Build(databaseName, createIfNotExists: true);
        try
        {
            await StartHostedServicesAsync(services);

            var store = services.GetRequiredService<ICaseStore>();
            var created = TestCases.New(TestCases.NewServiceId(), DateTimeOffset.UtcNow);
            Assert.True(await store.TryCreateAsync(created, CancellationToken.None));
            Assert.NotNull(await store.FindAsync(created.Id, CancellationToken.None));
            Assert.Same(services.GetRequiredService<CosmosAccount>().Client, services.GetRequiredService<CosmosAccount>().Client);
            Assert.True(services.GetRequiredService<CosmosAccount>().IsEmulator);
        }
        finally
        {
            await services.GetRequiredService<CosmosAccount>().Client.GetDatabase(databaseName).DeleteAsync();
        }
    }

    [Fact]
    public async Task Without_create_if_not_exists_startup_creates_nothing()
    {
        var databaseName = "cases-setup-" + Guid.NewGuid().ToString("N")[..12];
        await using var services = Build(databaseName, createIfNotExists: false);

        await StartHostedServicesAsync(services);

        var client = services.GetRequiredService<CosmosAccount>().Client;
        var missing = await Assert.ThrowsAsync<CosmosException>(() => client.GetDatabase(databaseName).ReadAsync());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public void A_connection_string_to_a_remote_account_is_not_treated_as_the_emulator()
    {
        using var account = CosmosAccount.FromConnectionString("AccountEndpoint=https://example.documents.azure.com:443/;AccountKey=" + CosmosAccount.EmulatorKey);

        Assert.False(account.IsEmulator);
    }

    private static ServiceProvider Build(string databaseName, bool createIfNotExists)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["CosmosDb"] = Environment.GetEnvironmentVariable("CosmosDb") is { Length: > 0 } configured
                    ? configured
                    : CosmosEmulatorDatabase.EmulatorConnectionString,
                ["CaseStore:DatabaseName"] = databaseName,
                ["CaseStore:CreateIfNotExists"] = createIfNotExists ? "true" : "false",
            })
            .Build();
        return new ServiceCollection().AddLogging().AddCosmosCaseStore(configuration).BuildServiceProvider();
    }

    private static async Task StartHostedServicesAsync(IServiceProvider services)
    {
        foreach (var hosted in services.GetServices<IHostedService>())
            await hosted.StartAsync(CancellationToken.None);
    }
}
