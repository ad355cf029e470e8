using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Serverless.Workflows.Hosting;

namespace Serverless.Workflows.Payments;

/// <summary>Where the Pay sandbox keeps its payments: the sandbox's own state, standing in for Pay's database.</summary>
public interface ISandboxPaymentLedger
{
    Task<SandboxPayment?> FindAsync(string paymentId, CancellationToken cancellationToken);

    /// <summary>Adds the payment unless one with its id exists; returns whichever is stored.</summary>
    Task<SandboxPayment> AddOrGetAsync(SandboxPayment payment, CancellationToken cancellationToken);

    Task SaveAsync(SandboxPayment payment, CancellationToken cancellationToken);
}

/// <summary>The ledger in a storage table, so sandbox payments survive a restart of the self-host mid-journey.</summary>
public sealed class TableSandboxPaymentLedger(TableServiceClient tables) : ISandboxPaymentLedger
{
    private const string Partition = "payment";
    private readonly RetryingAsyncLazy<TableClient> _table = new(async cancellationToken =>
    {
        var table = tables.GetTableClient("sandboxpayments");
        await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        return table;
    });

    public async Task<SandboxPayment?> FindAsync(string paymentId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(Partition, paymentId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity.HasValue ? JsonSerializer.Deserialize<SandboxPayment>(entity.Value!.GetString("Json")) : null;
    }

    public async Task<SandboxPayment> AddOrGetAsync(SandboxPayment payment, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.AddEntityAsync(Entity(payment), cancellationToken).ConfigureAwait(false);
            return payment;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return (await FindAsync(payment.PaymentId, cancellationToken).ConfigureAwait(false))!;
        }
    }

    public async Task SaveAsync(SandboxPayment payment, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(Entity(payment), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    private static TableEntity Entity(SandboxPayment payment) => new(Partition, payment.PaymentId) { ["Json"] = JsonSerializer.Serialize(payment) };
}

/// <summary>The ledger in memory, for tests of one process.</summary>
public sealed class InMemorySandboxPaymentLedger : ISandboxPaymentLedger
{
    private readonly ConcurrentDictionary<string, string> _payments = new();

    public Task<SandboxPayment?> FindAsync(string paymentId, CancellationToken cancellationToken) =>
        Task.FromResult(_payments.TryGetValue(paymentId, out var json) ? JsonSerializer.Deserialize<SandboxPayment>(json) : null);

    public Task<SandboxPayment> AddOrGetAsync(SandboxPayment payment, CancellationToken cancellationToken) =>
        Task.FromResult(JsonSerializer.Deserialize<SandboxPayment>(_payments.GetOrAdd(payment.PaymentId, JsonSerializer.Serialize(payment)))!);

    public Task SaveAsync(SandboxPayment payment, CancellationToken cancellationToken)
    {
        _payments[payment.PaymentId] = JsonSerializer.Serialize(payment);
        return Task.CompletedTask;
    }
}

/// <summary>A payment as the sandbox holds it: what the service sent, and what has happened to it since.</summary>
public sealed record SandboxPayment(
    string PaymentId, string Account, PayCreatePaymentRequest Request, string RequestHash, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt)
{
    public string Status { get; set; } = PayStatuses.Created;

    /// <summary>Pay's P00x0 code of a payment that did not succeed.</summary>
    public string? Code { get; set; }

    public List<SandboxRefund> Refunds { get; set; } = [];
}

public sealed record SandboxRefund(string RefundId, int Amount, DateTimeOffset CreatedAt);
