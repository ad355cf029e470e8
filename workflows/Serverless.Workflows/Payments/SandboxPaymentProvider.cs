using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Serverless.Workflows.Configuration;

namespace Serverless.Workflows.Payments;

/// <summary>
/// The GOV.UK Pay sandbox. It creates payments like Pay (idempotency key, next_url, 90-minute expiry) and, when the
/// citizen "pays" at its next_url, delivers a signed webhook to our own webhook endpoint, exactly as Pay would.
/// Payments are held in memory: a local stand-in, never used in Azure.
/// </summary>
public sealed class SandboxPaymentProvider(IOptions<PlatformOptions> platform, IOptions<JourneyOptions> journeys, IHttpClientFactory http, TimeProvider clock)
    : IPaymentGateway
{
    public const string WebhookClient = "pay-sandbox-webhooks";
    private readonly ConcurrentDictionary<string, SandboxPayment> _payments = new();
    private readonly ConcurrentDictionary<string, string> _byIdempotencyKey = new();

    /// <summary>Pay expires unfinished payments after 90 minutes; tests shorten it.</summary>
    public TimeSpan PaymentLifetime { get; set; } = TimeSpan.FromMinutes(90);

    public Task<CreatedPayment> CreatePaymentAsync(string account, PaymentRequest request, CancellationToken cancellationToken)
    {
        var id = _byIdempotencyKey.GetOrAdd($"{account}:{request.IdempotencyKey}", _ => "pay" + Guid.NewGuid().ToString("N")[..23]);
        var payment = _payments.GetOrAdd(id, _ => new SandboxPayment(id, account, request, clock.GetUtcNow() + PaymentLifetime));
        return Task.FromResult(new CreatedPayment(id, NextUrl(id), payment.ExpiresAt));
    }

    public Task<PaymentState> GetPaymentAsync(string account, string paymentId, CancellationToken cancellationToken)
    {
        var payment = Find(paymentId);
        var status = payment.Status == PayStatuses.Created && clock.GetUtcNow() > payment.ExpiresAt ? PayStatuses.Failed : payment.Status;
        return Task.FromResult(new PaymentState(paymentId, status, status is not (PayStatuses.Created or PayStatuses.Started)));
    }

    public Task<RefundState> RefundAsync(string account, string paymentId, int amountPence, string idempotencyKey, CancellationToken cancellationToken)
    {
        var payment = Find(paymentId);
        if (payment.Status != PayStatuses.Success || amountPence > payment.Request.AmountPence)
            throw new InvalidOperationException($"Payment {paymentId} cannot be refunded {amountPence} pence in status '{payment.Status}'.");
        payment.RefundId ??= "rfd" + Guid.NewGuid().ToString("N")[..23];
        return Task.FromResult(new RefundState(payment.RefundId, "success"));
    }

    /// <summary>The citizen finishes on the sandbox's payment page: settles the payment and sends Pay's webhook.</summary>
    public async Task<bool> CompleteAsync(string paymentId, bool succeed, CancellationToken cancellationToken)
    {
        if (!_payments.TryGetValue(paymentId, out var payment))
            return false;
        payment.Status = succeed ? PayStatuses.Success : PayStatuses.Failed;
        var body = JsonSerializer.SerializeToUtf8Bytes(Webhook(payment, succeed ? PayEventTypes.Succeeded : PayEventTypes.Failed), PayWebhookMessage.SerializerOptions);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        content.Headers.Add(PayWebhookSignature.Header, PayWebhookSignature.Sign(body, platform.Value.PayWebhookSigningSecret));
        using var response = await http.CreateClient(WebhookClient)
            .PostAsync(new Uri(journeys.Value.PublicBaseUrl, "api/v1/webhooks/pay"), content, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return true;
    }

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

    public SandboxPayment? TryGet(string paymentId) => _payments.GetValueOrDefault(paymentId);

    private SandboxPayment Find(string paymentId) =>
        _payments.TryGetValue(paymentId, out var payment) ? payment : throw new KeyNotFoundException($"No sandbox payment {paymentId}.");

    private Uri NextUrl(string paymentId) => new(journeys.Value.PublicBaseUrl, $"sandbox/pay/{paymentId}");
}

public sealed class SandboxPayment(string paymentId, string account, PaymentRequest request, DateTimeOffset expiresAt)
{
    public string PaymentId { get; } = paymentId;
    public string Account { get; } = account;
    public PaymentRequest Request { get; } = request;
    public DateTimeOffset ExpiresAt { get; } = expiresAt;
    public string Status { get; set; } = PayStatuses.Created;
    public string? RefundId { get; set; }
}
