using System.Diagnostics;
using Xunit.Abstractions;

namespace Serverless.Integration.Tests.CaseStore;

/// <summary>
/// Point-read and replace latencies against the emulator, printed as figures. Not a performance test: it asserts only
/// that every operation did what it should. Its collection runs alone, after the parallel tests, so
/// they do not skew its figures. Run it by itself with <c>--filter Category=Benchmark</c>.
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(nameof(CaseStoreBenchmark))]
public sealed class CaseStoreBenchmark(CosmosEmulatorDatabase database, ITestOutputHelper output) : IClassFixture<CosmosEmulatorDatabase>
{
    private const int Operations = 200;
    private const int Warmup = 20;

    [Fact]
    public async Task Point_reads_and_replaces_of_one_case_report_p50_and_p95()
    {
        var store = database.Store;
        var created = TestCases.New(TestCases.NewServiceId(), DateTimeOffset.UtcNow);
        Assert.True(await store.TryCreateAsync(created, CancellationToken.None));

        for (var i = 0; i < Warmup; i++)
            Assert.NotNull(await store.FindAsync(created.Id, CancellationToken.None));

        var reads = new List<double>(Operations);
        for (var i = 0; i < Operations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var found = await store.FindAsync(created.Id, CancellationToken.None);
            reads.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Assert.Equal(created.Id, found?.Id);
        }

        // UpdateAsync is a read plus an If-Match replace; the replace alone is timed here, with the ETag from the last write.
        var container = database.Account.Client.GetContainer(database.Options.DatabaseName, database.Options.CasesContainer);
        var record = (await store.FindAsync(created.Id, CancellationToken.None))!;
        var replaces = new List<double>(Operations);
        for (var i = 0; i < Operations; i++)
        {
            record.Timeline.Add(new TimelineEntry($"benchmark_{i:D3}", DateTimeOffset.UtcNow, "benchmark"));
            var started = Stopwatch.GetTimestamp();
            var response = await container.ReplaceItemAsync(record, record.Id, new Microsoft.Azure.Cosmos.PartitionKey(record.Id),
                new Microsoft.Azure.Cosmos.ItemRequestOptions { IfMatchEtag = record.ETag, EnableContentResponseOnWrite = false });
            replaces.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            record.ETag = response.ETag;
        }

        var updates = new List<double>(Operations / 4);
        for (var i = 0; i < Operations / 4; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await store.UpdateAsync(created.Id, r => { r.Step = $"step_{i}"; return true; }, CancellationToken.None);
            updates.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var stored = await store.FindAsync(created.Id, CancellationToken.None);
        Assert.Equal(Operations, stored!.Timeline.Count);
        Assert.Equal($"step_{Operations / 4 - 1}", stored.Step);

        Report("point read (FindAsync)", reads);
        Report("replace with If-Match", replaces);
        Report("UpdateAsync (read + replace)", updates);
    }

    private void Report(string operation, List<double> milliseconds)
    {
        milliseconds.Sort();
        output.WriteLine($"{operation,-30} n={milliseconds.Count,4}  p50={Percentile(milliseconds, 0.50),7:F2} ms  p95={Percentile(milliseconds, 0.95),7:F2} ms  max={milliseconds[^1],7:F2} ms");
    }

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Ceiling(p * sorted.Count) - 1];
}

[CollectionDefinition(nameof(CaseStoreBenchmark), DisableParallelization = true)]
public sealed class CaseStoreBenchmarkCollection;
