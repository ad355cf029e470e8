using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;
using Serverless.Workflows.Configuration;

namespace Serverless.Integration.Tests.CaseStore;

public sealed class CaseStoreBasicsTests(CosmosEmulatorDatabase database) : IClassFixture<CosmosEmulatorDatabase>
{
    private readonly CosmosCaseStore store = database.Store;

    [Fact]
    public async Task A_created_case_is_found_by_id_with_its_data_and_etag()
    {
        var created = TestCases.New(TestCases.NewServiceId(), DateTimeOffset.UtcNow);

        Assert.True(await store.TryCreateAsync(created, CancellationToken.None));
        var found = await store.FindAsync(created.Id, CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal(created.Reference, found.Reference);
        Assert.Equal(created.SubmittedAt, found.SubmittedAt);
        Assert.Equal("Ada Lovelace", (string?)found.Application?["full_name"]);
        Assert.Equal(created.Identity, found.Identity);
        Assert.False(string.IsNullOrEmpty(found.ETag));
        Assert.Equal(created.ETag, found.ETag);
    }

    [Fact]
    public async Task Finding_a_case_that_does_not_exist_returns_null()
    {
        Assert.Null(await store.FindAsync("no-such-case-" + Guid.NewGuid().ToString("N"), CancellationToken.None));
    }

    [Fact]
    public async Task Finding_in_a_container_that_does_not_exist_raises_instead_of_returning_null()
    {
        var broken = database.CreateStore(new CaseStoreOptions { DatabaseName = database.Options.DatabaseName, CasesContainer = "no-such-container" });

        var thrown = await Assert.ThrowsAsync<CosmosException>(() => broken.FindAsync("any-case", CancellationToken.None));
        Assert.Equal((System.Net.HttpStatusCode.NotFound, 1003), (thrown.StatusCode, thrown.SubStatusCode));
    }

    [Fact]
    public async Task Finding_in_a_database_that_does_not_exist_raises_instead_of_returning_null()
    {
        var broken = database.CreateStore(new CaseStoreOptions { DatabaseName = "no-such-database-" + Guid.NewGuid().ToString("N") });

        await Assert.ThrowsAsync<CosmosException>(() => broken.FindAsync("any-case", CancellationToken.None));
    }

    [Theory]
    [InlineData("Cannot read properties of undefined (reading 'id')", true)]
    [InlineData("Cannot read properties of undefined (reading 'id')\nActivityId: 8011e7af, Linux/12 cosmos-netstandard-sdk/3.44.4", true)]
    [InlineData("Cannot read properties of undefined (reading 'id2')", false)]
    [InlineData("Cannot read properties of undefined (reading 'partitionKey')", false)]
    [InlineData("Unexpected: Cannot read properties of undefined (reading 'id')", false)]
    [InlineData("out of memory", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_the_emulators_exact_missing_item_failure_counts_as_absent(string? body, bool absent)
    {
        Assert.Equal(absent, CosmosCaseStore.IsEmulatorMissingItem(body));
    }

    [Fact]
    public async Task Creating_a_case_whose_id_exists_returns_false_and_changes_nothing()
    {
        var first = TestCases.New(TestCases.NewServiceId(), DateTimeOffset.UtcNow);
        await store.TryCreateAsync(first, CancellationToken.None);
        var second = TestCases.New(first.ServiceId, DateTimeOffset.UtcNow);
        var duplicate = new CaseRecord
        {
            Id = first.Id,
            ServiceId = second.ServiceId,
            DefinitionVersion = 99,
            Reference = second.Reference,
            DepartmentId = second.DepartmentId,
            SubmittedAt = second.SubmittedAt,
            ApplicationHash = "other",
            Identity = second.Identity,
        };

        Assert.False(await store.TryCreateAsync(duplicate, CancellationToken.None));
        var stored = await store.FindAsync(first.Id, CancellationToken.None);
        Assert.Equal(first.Reference, stored!.Reference);
        Assert.Equal(first.ETag, stored.ETag);
    }

    [Fact]
    public async Task An_update_writes_the_change_sets_updated_at_and_moves_the_etag()
    {
        var created = TestCases.New(TestCases.NewServiceId(), DateTimeOffset.UtcNow.AddMinutes(-5));
        await store.TryCreateAsync(created, CancellationToken.None);
        var before = DateTimeOffset.UtcNow;

        var updated = await store.UpdateAsync(created.Id, record =>
        {
            record.Status = CaseStatus.AwaitingPayment;
            record.Step = JourneySteps.Payment;
            return true;
        }, CancellationToken.None);

        var stored = await store.FindAsync(created.Id, CancellationToken.None);
        Assert.Equal(CaseStatus.AwaitingPayment, stored!.Status);
        Assert.Equal(JourneySteps.Payment, stored.Step);
        Assert.True(stored.UpdatedAt >= before.AddSeconds(-1));
        Assert.NotEqual(created.ETag, stored.ETag);
        Assert.Equal(updated.ETag, stored.ETag);
    }

    [Fact]
    public async Task An_update_with_nothing_to_change_writes_nothing()
    {
        var created = TestCases.New(TestCases.NewServiceId(), DateTimeOffset.UtcNow);
        await store.TryCreateAsync(created, CancellationToken.None);

        await store.UpdateAsync(created.Id, record =>
        {
            record.Status = CaseStatus.Closed; // changed in memory, but the mutation says "nothing to write"
            return false;
        }, CancellationToken.None);

        var stored = await store.FindAsync(created.Id, CancellationToken.None);
        Assert.Equal(created.ETag, stored!.ETag);
        Assert.Equal(CaseStatus.Submitted, stored.Status);
    }

    [Fact]
    public async Task Updating_a_case_that_does_not_exist_throws_case_not_found()
    {
        var ran = false;
        var missing = "no-such-case-" + Guid.NewGuid().ToString("N");

        var thrown = await Assert.ThrowsAsync<CaseNotFoundException>(() => store.UpdateAsync(missing, _ => ran = true, CancellationToken.None));

        Assert.Equal(missing, thrown.CaseId);
        Assert.False(ran);
    }

    [Fact]
    public async Task Timestamps_are_stored_as_fixed_width_utc_strings_whatever_the_offset_given()
    {
        var submitted = new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.FromHours(1)); // 00:30Z
        var created = TestCases.New(TestCases.NewServiceId(), submitted);
        created.Retention.DeleteAfter = new DateTimeOffset(2033, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await store.TryCreateAsync(created, CancellationToken.None);

        var raw = await ReadRawAsync(created.Id);

        Assert.Equal("2026-03-29T00:30:00.0000000Z", (string?)raw["submitted_at"]);
        Assert.Equal("2033-01-01T00:00:00.0000000Z", (string?)raw["retention"]!["delete_after"]);
        Assert.Equal("2026-03-29T00:30:00.0000000Z", (string?)raw["identity"]!["verified_at"]);
        Assert.True(raw["retention"]!.AsObject().ContainsKey("redacted_at"), "nulls are written, so IS_NULL queries match");
    }

    [Fact]
    public async Task The_etag_is_never_written_into_the_document_body()
    {
        var created = TestCases.New(TestCases.NewServiceId(), DateTimeOffset.UtcNow);
        created.ETag = "\"stale-etag-from-somewhere\"";
        await store.TryCreateAsync(created, CancellationToken.None);

        await store.UpdateAsync(created.Id, record => { record.Step = JourneySteps.Payment; return true; }, CancellationToken.None);

        var raw = await ReadRawAsync(created.Id);
        var stored = await store.FindAsync(created.Id, CancellationToken.None);
        Assert.NotEqual("\"stale-etag-from-somewhere\"", (string?)raw["_etag"]);
        Assert.Equal(stored!.ETag, (string?)raw["_etag"]);
    }

    private async Task<JsonObject> ReadRawAsync(string id)
    {
        var container = database.Account.Client.GetContainer(database.Options.DatabaseName, database.Options.CasesContainer);
        using var response = await container.ReadItemStreamAsync(id, new PartitionKey(id));
        response.EnsureSuccessStatusCode();
        return (JsonObject)(await JsonNode.ParseAsync(response.Content))!;
    }
}
