using Serverless.Workflows.Configuration;

namespace Serverless.Infra.Tests;

/// <summary>The Cosmos DB database and containers Bicep creates are the ones the code defaults to, partitioned by /id.</summary>
[Collection(InfraCollection.Name)]
public sealed class CosmosTests(CompiledInfra infra)
{
    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Database_and_containers_match_the_case_store_defaults(string environment)
    {
        var deployment = infra.Deployment(environment);
        var defaults = new CaseStoreOptions();

        var database = Assert.Single(deployment.OfType("Microsoft.DocumentDB/databaseAccounts/sqlDatabases"));
        Assert.Equal(defaults.DatabaseName, database.Properties!["resource"]!["id"]!.GetValue<string>());

        var containers = deployment.OfType("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers")
            .ToDictionary(c => c.Properties!["resource"]!["id"]!.GetValue<string>(), c => c.Properties!["resource"]!["partitionKey"]!);
        Assert.Equal(new[] { defaults.CasesContainer, defaults.IdempotencyContainer }.Order(StringComparer.Ordinal),
            containers.Keys.Order(StringComparer.Ordinal));
        Assert.All(containers.Values, key =>
        {
            Assert.Equal(["/id"], key["paths"]!.AsArray().Select(p => p!.GetValue<string>()));
            Assert.Equal("Hash", key["kind"]!.GetValue<string>());
        });
    }
}
