using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Serverless.Workflows.Configuration;

namespace Serverless.Workflows.Payments;

/// <summary>
/// The GOV.UK Pay sandbox. It creates payments like Pay (idempotency key, next_url, 90-minute expiry) and, when the
/// citizen "pays" at its next_url, delivers a signed webhook to our own webhook endpoint, exactly as Pay would.
/// A local stand-in, never used against real money.
/// </summary>
public sealed class SandboxPaymentProvider(
    ISandboxPaymentLedger ledger, IOptions<PlatformOptions> platform, IOptions<JourneyOptions> journeys, IHttpClientFactory http, TimeProvider clock)
    : IPaymentGateway
{
    public const string WebhookClient = "pay-sandbox-webhooks";

    /// <summary>Pay expires unfinished payments after 90 minutes; tests shorten it.</summary>
    public TimeSpan PaymentLifetime { get; set; } = TimeSpan.FromMinutes(90);

    public async Task<CreatedPayment> CreatePaymentAsync(string account, PaymentRequest request, CancellationToken cancellationToken)
    {
        // The id derives from the account and idempotency key, so a repeated create returns the first payment, as Pay does.
        var id = "pay" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{account}:{request.IdempotencyKey}")))[..23];
        var payment = await ledger.AddOrGetAsync(new SandboxPayment(id, account, request, clock.GetUtcNow() + PaymentLifetime), cancellationToken)
            .ConfigureAwait(false);
        return new CreatedPayment(id, NextUrl(id), payment.ExpiresAt);
    }

    public async Task<PaymentState> GetPaymentAsync(string account, string paymentId, CancellationToken cancellationToken)
    {
        var payment = await FindAsync(paymentId, cancellationToken).ConfigureAwait(false);
        var status = payment.Status == PayStatuses.Created && clock.GetUtcNow() > payment.ExpiresAt ? PayStatuses.Failed : payment.Status;
        return new PaymentState(paymentId, status, status is not (PayStatuses.Created or PayStatuses.Started));
    }

    public async Task<RefundState> RefundAsync(string account, string paymentId, int amountPence, string idempotencyKey, CancellationToken cancellationToken)
    {
        var payment = await FindAsync(paymentId, cancellationToken).ConfigureAwait(false);
        if (payment.Status != PayStatuses.Success || amountPence > payment.Request.AmountPence)
            throw new InvalidOperationException($"Payment {paymentId} cannot be refunded {amountPence} pence in status '{payment.Status}'.");
        if (payment.RefundId is null)
        {
            payment.RefundId = "rfd" + Guid.NewGuid().ToString("N")[..23];
            await ledger.SaveAsync(payment, cancellationToken).ConfigureAwait(false);
        }
        return new RefundState(payment.RefundId, "success");
    }

    /// <summary>The citizen finishes on the sandbox's payment page: settles the payment and sends Pay's webhook.</summary>
    public async Task<SandboxPayment?> CompleteAsync(string paymentId, bool succeed, CancellationToken cancellationToken)
    {
        var payment = await SettleAsync(paymentId, succeed ? PayStatuses.Success : PayStatuses.Failed, cancellationToken).ConfigureAwait(false);
        if (payment is null)
            return null;
        var body = JsonSerializer.SerializeToUtf8Bytes(Webhook(payment, succeed ? PayEventTypes.Succeeded : PayEventTypes.Failed), PayWebhookMessage.SerializerOptions);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        content.Headers.Add(PayWebhookSignature.Header, PayWebhookSignature.Sign(body, platform.Value.PayWebhookSigningSecret));
        using var response = await http.CreateClient(WebhookClient)
            .PostAsync(new Uri(journeys.Value.PublicBaseUrl, "api/v1/webhooks/pay"), content, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return payment;
    }

    /// <summary>Sets a payment's status at "Pay" without a webhook (as when Pay's webhook is lost).</summary>
    public async Task<SandboxPayment?> SettleAsync(string paymentId, string status, CancellationToken cancellationToken)
    {
        var payment = await ledger.FindAsync(paymentId, cancellationToken).ConfigureAwait(false);
        if (payment is null)
            return null;
        payment.Status = status;
        await ledger.SaveAsync(payment, cancellationToken).ConfigureAwait(false);
        return payment;
    }

    public Task<SandboxPayment?> FindPaymentAsync(string paymentId, CancellationToken cancellationToken) => ledger.FindAsync(paymentId, cancellationToken);

    public PayWebhookMessage Webhook(SandboxPayment payment, string eventType) => new()
    {
        WebhookMessageId = Guid.NewGuid().ToString("N"),
        CreatedDate = clock.GetUtcNow(),
        ResourceId = payment.PaymentId,
        ResourceType = "payment",
        EventType = eventType,
        Resource = new PayResource
        {
            PaymentId = payment.PaymentId,
            Amount = payment.Request.AmountPence,
            Reference = payment.Request.Reference,
            State = new PayResourceState(payment.Status, payment.Status != PayStatuses.Created),
            Metadata = new Dictionary<string, string> { ["case_id"] = payment.Request.CaseId },
        },
    };

    private async Task<SandboxPayment> FindAsync(string paymentId, CancellationToken cancellationToken) =>
        await ledger.FindAsync(paymentId, cancellationToken).ConfigureAwait(false) ?? throw new KeyNotFoundException($"No sandbox payment {paymentId}.");

    private Uri NextUrl(string paymentId) => new(journeys.Value.PublicBaseUrl, $"api/sandbox/pay/{paymentId}");
}
