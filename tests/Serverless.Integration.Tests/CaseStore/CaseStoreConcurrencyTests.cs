namespace Serverless.Integration.Tests.CaseStore;

public sealed class CaseStoreConcurrencyTests(CosmosEmulatorDatabase database) : IClassFixture<CosmosEmulatorDatabase>
{
    private readonly CosmosCaseStore store = database.Store;

    [Fact]
    public async Task Concurrent_writers_never_lose_an_update()
    {
        var created = TestCases.New(TestCases.NewServiceId(), DateTimeOffset.UtcNow);
        await store.TryCreateAsync(created, CancellationToken.None);
        var milestones = Enumerable.Range(0, 20).Select(i => $"milestone_{i:D2}").ToList();

        await Task.WhenAll(milestones.Select(milestone => Task.Run(() => store.UpdateAsync(created.Id, record =>
        {
            if (record.HasMilestone(milestone))
                return false;
            record.Timeline.Add(new TimelineEntry(milestone, DateTimeOffset.UtcNow, "test"));
            return true;
        }, CancellationToken.None))));

        var stored = await store.FindAsync(created.Id, CancellationToken.None);
        Assert.Equal(milestones, stored!.Timeline.Select(t => t.Milestone).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Concurrent_idempotency_claims_all_return_the_first_winner()
    {
        var serviceId = TestCases.NewServiceId();
        var key = "key/with?odd#chars:" + Guid.NewGuid().ToString("N");
        var claims = Enumerable.Range(0, 20)
            .Select(i => new IdempotencyClaim(serviceId, key, $"case-{i:D2}", $"hash-{i:D2}"))
            .ToList();

        var results = await Task.WhenAll(claims.Select(claim => Task.Run(() => store.ClaimIdempotencyKeyAsync(claim, CancellationToken.None))));

        var winner = Assert.Single(results.Distinct());
        Assert.Contains(winner, claims);
        var later = await store.ClaimIdempotencyKeyAsync(new IdempotencyClaim(serviceId, key, "case-late", "hash-late"), CancellationToken.None);
        Assert.Equal(winner, later);
    }

    [Fact]
    public async Task Idempotency_keys_of_different_services_do_not_collide()
    {
        var key = Guid.NewGuid().ToString("N");
        var first = new IdempotencyClaim(TestCases.NewServiceId(), key, "case-a", "hash-a");
        var second = new IdempotencyClaim(TestCases.NewServiceId(), key, "case-b", "hash-b");

        Assert.Equal(first, await store.ClaimIdempotencyKeyAsync(first, CancellationToken.None));
        Assert.Equal(second, await store.ClaimIdempotencyKeyAsync(second, CancellationToken.None));
    }

    [Theory]
    [InlineData("3f2a9c1e-8d4b-4e7a-9b1c-2d3e4f5a6b7c", "svc:3f2a9c1e-8d4b-4e7a-9b1c-2d3e4f5a6b7c")]
    [InlineData("a/b", "svc:~YS9i")]
    [InlineData("~YS9i", "svc:~fllTOWk")]
    public void Idempotency_ids_keep_plain_keys_readable_and_encode_the_rest_one_to_one(string key, string id)
    {
        Assert.Equal(id, CosmosCaseStore.IdempotencyId("svc", key));
    }
}
