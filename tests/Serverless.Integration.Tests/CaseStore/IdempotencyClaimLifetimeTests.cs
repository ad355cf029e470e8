using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Workflows.Configuration;

namespace Serverless.Integration.Tests.CaseStore;

public sealed class IdempotencyClaimLifetimeTests : IClassFixture<CosmosEmulatorDatabase>
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    private readonly CosmosEmulatorDatabase database;
    private readonly Clock clock = new() { Now = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero) };
    private readonly CosmosCaseStore store;

    public IdempotencyClaimLifetimeTests(CosmosEmulatorDatabase database)
    {
        this.database = database;
        database.Options.IdempotencyClaimLifetime = Lifetime;
        store = new CosmosCaseStore(database.Account, Options.Create(database.Options), clock, NullLogger<CosmosCaseStore>.Instance);
    }

    [Fact]
    public async Task A_claim_is_honoured_for_its_lifetime_and_then_the_key_starts_a_new_case()
    {
        var serviceId = TestCases.NewServiceId();
        var first = new IdempotencyClaim(serviceId, "key-1", "case-first", "hash-first");
        var start = clock.Now;
        Assert.Equal(first, await store.ClaimIdempotencyKeyAsync(first, CancellationToken.None));

        clock.Now = start + Lifetime - TimeSpan.FromSeconds(1);
        Assert.Equal(first, await store.ClaimIdempotencyKeyAsync(first with { CaseId = "case-retry", BodyHash = "hash-retry" }, CancellationToken.None));

        clock.Now = start + Lifetime + TimeSpan.FromSeconds(1);
        var fresh = first with { CaseId = "case-fresh", BodyHash = "hash-fresh" };
        Assert.Equal(fresh, await store.ClaimIdempotencyKeyAsync(fresh, CancellationToken.None));
        Assert.Equal(fresh, await store.ClaimIdempotencyKeyAsync(first with { CaseId = "case-later", BodyHash = "hash-later" }, CancellationToken.None));
    }

    [Fact]
    public async Task The_retention_sweep_deletes_claims_past_their_lifetime_and_keeps_the_others()
    {
        var serviceId = TestCases.NewServiceId();
        var start = clock.Now;
        await store.ClaimIdempotencyKeyAsync(new IdempotencyClaim(serviceId, "old", "case-old", "hash-old"), CancellationToken.None);
        clock.Now = start + TimeSpan.FromHours(12);
        await store.ClaimIdempotencyKeyAsync(new IdempotencyClaim(serviceId, "recent", "case-recent", "hash-recent"), CancellationToken.None);
        var documents = AzuriteDocuments.NewOptions();
        var retention = new CaseRetention(store, AzuriteDocuments.Create(documents), new MaxAgeAlerts(), Options.Create(new RetentionOptions()),
            Options.Create(documents), clock, NullLogger<CaseRetention>.Instance);

        var deleted = await retention.DeleteExpiredClaimsAsync(start + Lifetime + TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.True(deleted >= 1);
        Assert.Equal(["recent"], await StoredKeysAsync(serviceId));
    }

    private async Task<List<string>> StoredKeysAsync(string serviceId)
    {
        var container = database.Account.Client.GetContainer(database.Options.DatabaseName, database.Options.IdempotencyContainer);
        var query = new QueryDefinition("SELECT c.id FROM c WHERE c.service_id = @service").WithParameter("@service", serviceId);
        var keys = new List<string>();
        using var iterator = container.GetItemQueryIterator<System.Text.Json.Nodes.JsonObject>(query);
        while (iterator.HasMoreResults)
            keys.AddRange((await iterator.ReadNextAsync()).Select(row => ((string)row["id"]!)[(serviceId.Length + 1)..]));
        return keys;
    }

    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
