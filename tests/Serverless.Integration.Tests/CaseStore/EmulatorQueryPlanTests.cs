namespace Serverless.Integration.Tests.CaseStore;

/// <summary>Alone (not in parallel with other tests): it clears a process-wide variable the Cosmos SDK reads.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "Process environment";
}

[Collection(ProcessEnvironmentCollection.Name)]
public sealed class EmulatorQueryPlanTests(CosmosEmulatorDatabase database) : IClassFixture<CosmosEmulatorDatabase>
{
    [Fact]
    public async Task Worklist_queries_work_on_the_emulator_with_nothing_set_in_the_environment()
    {
        // As a user starts the self-host: no test run settings, so nothing in the environment but what the product sets.
        Environment.SetEnvironmentVariable(CosmosAccount.LocalQueryPlanVariable, null);
        using var account = CosmosAccount.FromConnectionString(CosmosEmulatorDatabase.EmulatorConnectionString);
        var store = new CosmosCaseStore(account, Microsoft.Extensions.Options.Options.Create(database.Options), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<CosmosCaseStore>.Instance);
        var serviceId = TestCases.NewServiceId();
        var start = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        foreach (var minutes in new[] { 0, 10, 20 })
            await store.TryCreateAsync(TestCases.New(serviceId, start.AddMinutes(minutes), CaseStatus.WithDepartment), CancellationToken.None);

        // ORDER BY across partitions: the query the worklist endpoints and the sweeps run.
        var page = await store.ListByStatusAsync(serviceId, CaseStatus.WithDepartment, null, 10, CancellationToken.None);

        Assert.Equal([start.AddMinutes(20), start.AddMinutes(10), start], page.Cases.Select(c => c.SubmittedAt));
    }
}
