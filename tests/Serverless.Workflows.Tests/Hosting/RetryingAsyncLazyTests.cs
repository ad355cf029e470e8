using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Serverless.Workflows.Departments;
using Serverless.Workflows.Hosting;
using Serverless.Workflows.Payments;

namespace Serverless.Workflows.Tests.Hosting;

public sealed class RetryingAsyncLazyTests
{
    [Fact]
    public async Task A_failed_first_attempt_is_tried_again_and_a_success_is_kept()
    {
        var attempts = 0;
        var lazy = new RetryingAsyncLazy<int>(_ => ++attempts == 1 ? throw new InvalidOperationException("storage down") : Task.FromResult(attempts));

        await Assert.ThrowsAsync<InvalidOperationException>(() => lazy.GetAsync(CancellationToken.None));
        Assert.Equal(2, await lazy.GetAsync(CancellationToken.None));
        Assert.Equal(2, await lazy.GetAsync(CancellationToken.None));
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task A_cancelled_first_attempt_is_tried_again()
    {
        var attempts = 0;
        var lazy = new RetryingAsyncLazy<string>(async token =>
        {
            attempts++;
            await Task.Delay(TimeSpan.FromMilliseconds(1), token);
            return "created";
        });
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => lazy.GetAsync(cancelled.Token));
        Assert.Equal("created", await lazy.GetAsync(CancellationToken.None));
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task Concurrent_callers_share_one_attempt()
    {
        var attempts = 0;
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var lazy = new RetryingAsyncLazy<int>(_ => { Interlocked.Increment(ref attempts); return release.Task; });

        var callers = Enumerable.Range(0, 8).Select(_ => lazy.GetAsync(CancellationToken.None)).ToList();
        release.SetResult(7);

        Assert.All(await Task.WhenAll(callers), value => Assert.Equal(7, value));
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Department_queue_whose_creation_failed_is_created_on_the_next_send()
    {
        var queue = new FlakyQueue();
        var queues = new StorageDepartmentQueues(new OneQueueService(queue));

        await Assert.ThrowsAsync<RequestFailedException>(() => queues.GetQueueAsync("dept-cases", CancellationToken.None));
        Assert.Same(queue, await queues.GetQueueAsync("dept-cases", CancellationToken.None));
        Assert.Equal(2, queue.CreateAttempts);
    }

    [Fact]
    public async Task Sandbox_payment_ledger_whose_table_creation_failed_creates_it_on_the_next_call()
    {
        var table = new FlakyTable();
        var ledger = new TableSandboxPaymentLedger(new OneTableService(table));
        var payment = new SandboxPayment("pay-1", "account",
            new PayCreatePaymentRequest { Amount = 2500, Reference = "RFL-1", Description = "Licence", ReturnUrl = "https://example.test/return" },
            "request-hash", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(90));

        await Assert.ThrowsAsync<RequestFailedException>(() => ledger.SaveAsync(payment, CancellationToken.None));
        await ledger.SaveAsync(payment, CancellationToken.None);
        Assert.Equal((2, 1), (table.CreateAttempts, table.Upserts));
    }

    private sealed class FlakyQueue : QueueClient
    {
        public int CreateAttempts { get; private set; }

        public override Task<Response> CreateIfNotExistsAsync(IDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default) =>
            ++CreateAttempts == 1 ? throw new RequestFailedException(503, "Azurite not up yet") : Task.FromResult<Response>(null!);
    }

    private sealed class OneQueueService(QueueClient queue) : QueueServiceClient
    {
        public override QueueClient GetQueueClient(string queueName) => queue;
    }

    private sealed class FlakyTable : TableClient
    {
        public int CreateAttempts { get; private set; }
        public int Upserts { get; private set; }

        public override Task<Response<Azure.Data.Tables.Models.TableItem>> CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
            ++CreateAttempts == 1 ? throw new RequestFailedException(503, "Azurite not up yet") : Task.FromResult<Response<Azure.Data.Tables.Models.TableItem>>(null!);

        public override Task<Response> UpsertEntityAsync<T>(T entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
        {
            Upserts++;
            return Task.FromResult<Response>(null!);
        }
    }

    private sealed class OneTableService(TableClient table) : TableServiceClient
    {
        public override TableClient GetTableClient(string tableName) => table;
    }
}
