using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Cases.Cosmos;
using Serverless.Workflows.Configuration;

namespace Serverless.Integration.Tests.CaseStore;

/// <summary>
/// A database of its own on the Cosmos emulator for one test class: created with both containers before the first test,
/// deleted after the last. The connection string comes from the <c>CosmosDb</c> environment variable, else the emulator's.
/// </summary>
public sealed class CosmosEmulatorDatabase : IAsyncLifetime
{
    public const string EmulatorConnectionString =
        "AccountEndpoint=https://127.0.0.1:8081/;AccountKey=" + CosmosAccount.EmulatorKey;

    public CosmosEmulatorDatabase()
    {
        Account = CosmosAccount.FromConnectionString(
            Environment.GetEnvironmentVariable(ConnectionNames.CosmosDb) is { Length: > 0 } configured ? configured : EmulatorConnectionString);
        Options = new CaseStoreOptions
        {
            DatabaseName = "cases-test-" + Guid.NewGuid().ToString("N")[..12],
            CreateIfNotExists = true,
        };
        Store = CreateStore(Options);
    }

    public CosmosAccount Account { get; }
    public CaseStoreOptions Options { get; }
    public CosmosCaseStore Store { get; }

    public CosmosCaseStore CreateStore(CaseStoreOptions options) =>
        new(Account, Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, NullLogger<CosmosCaseStore>.Instance);

    public async Task InitializeAsync() =>
        await CosmosCaseStoreSetup.EnsureCreatedAsync(Account.Client, Options, CancellationToken.None);

    public async Task DisposeAsync()
    {
        try
        {
            await Account.Client.GetDatabase(Options.DatabaseName).DeleteAsync();
        }
        finally
        {
            Account.Dispose();
        }
    }
}

/// <summary>Builders for test cases: each test uses its own service id, so queries over a shared container stay apart.</summary>
public static class TestCases
{
    public static string NewServiceId() => "svc-" + Guid.NewGuid().ToString("N")[..10];

    public static CaseRecord New(string serviceId, DateTimeOffset submittedAt, string status = CaseStatus.Submitted) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        ServiceId = serviceId,
        DefinitionVersion = 3,
        Reference = "TST-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(),
        DepartmentId = "dept-test",
        Status = status,
        SubmittedAt = submittedAt,
        Application = new JsonObject
        {
            ["full_name"] = "Ada Lovelace",
            ["date_of_birth"] = "1815-12-10",
            ["address"] = new JsonObject { ["line1"] = "12 St James's Square", ["postcode"] = "SW1Y 4JH" },
        },
        ApplicationHash = "sha256-test",
        Identity = new IdentityCheck("urn:fdc:gov.uk:2022:ada-subject", "P2", submittedAt),
    };
}
