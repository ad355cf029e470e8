using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Serverless.Workflows.Configuration;

namespace Serverless.Workflows.Payments;

/// <summary>
/// The GOV.UK Pay sandbox's server side: the subset of Pay's public API that the live adapter uses, with Pay's rules
/// (API key per account, Idempotency-Key, 90-minute expiry, refunds guarded by <c>refund_amount_available</c>), a hosted
/// payment page and webhooks signed with each account's own secret. A local stand-in, never used against real money.
/// </summary>
public sealed class PaySandbox(
    ISandboxPaymentLedger ledger, IOptions<PlatformAccountsOptions> accounts, IOptions<JourneyOptions> journeys,
    IHttpClientFactory http, PayTimings timings, TimeProvider clock)
{
    public const string WebhookClient = "pay-sandbox-webhooks";
    private readonly ConcurrentDictionary<string, int> _throttled = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The account whose API key is the bearer token, as Pay identifies the account by its key.</summary>
    public string? Authenticate(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal))
            return null;
        var presented = Encoding.UTF8.GetBytes(authorization["Bearer ".Length..].Trim());
        return accounts.Value.Pay.Accounts
            .Where(a => a.Value.ApiKey.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a.Value.ApiKey), presented))
            .Select(a => a.Key).FirstOrDefault();
    }

    /// <summary>Sandbox only: the account's next <paramref name="count"/> API requests are answered 429, as Pay's rate limit does.</summary>
    public void Throttle(string account, int count) => _throttled[account] = count;

    /// <summary>True when this request is one of the throttled ones (and counts it off).</summary>
    public bool TakeThrottled(string account)
    {
        while (_throttled.TryGetValue(account, out var left) && left > 0)
        {
            if (_throttled.TryUpdate(account, left - 1, left))
                return true;
        }
        return false;
    }

    /// <summary>Creates a payment, or returns the one created with the same Idempotency-Key (null when that key came with another body).</summary>
    public async Task<SandboxPayment?> CreateAsync(string account, PayCreatePaymentRequest request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, PayJson.Options)));
        var id = idempotencyKey is { Length: > 0 }
            ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{account}:{idempotencyKey}")))[..26]
            : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(13));
        var now = clock.GetUtcNow();
        var payment = await ledger.AddOrGetAsync(new SandboxPayment(id, account, request, hash, now, now + timings.PaymentLifetime), cancellationToken)
            .ConfigureAwait(false);
        return payment.RequestHash == hash && PlatformAccountSettings.Same(payment.Account, account) ? payment : null;
    }

    /// <summary>The account's payment, with its expiry applied as Pay applies it.</summary>
    public async Task<SandboxPayment?> FindAsync(string paymentId, CancellationToken cancellationToken)
    {
        var payment = await ledger.FindAsync(paymentId, cancellationToken).ConfigureAwait(false);
        if (payment is not null && !PayStatuses.IsFinished(payment.Status) && clock.GetUtcNow() > payment.ExpiresAt)
        {
            payment.Status = PayStatuses.Failed;
            payment.Code = PayCodes.Expired;
        }
        return payment;
    }

    /// <summary>Refunds, unless <c>refund_amount_available</c> no longer matches (a repeated refund): then null (412).</summary>
    public async Task<SandboxRefund?> RefundAsync(SandboxPayment payment, PayRefundRequest request, CancellationToken cancellationToken)
    {
        if (request.RefundAmountAvailable is { } expected && expected != AmountAvailable(payment))
            return null;
        var refund = new SandboxRefund(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(13)), request.Amount, clock.GetUtcNow());
        payment.Refunds.Add(refund);
        await ledger.SaveAsync(payment, cancellationToken).ConfigureAwait(false);
        return refund;
    }

    public static int AmountAvailable(SandboxPayment payment) =>
        payment.Status == PayStatuses.Success ? payment.Request.Amount - payment.Refunds.Sum(r => r.Amount) : 0;

    /// <summary>The citizen finishes on the hosted page: settles the payment and sends Pay's webhook, signed for its account.</summary>
    public async Task<SandboxPayment?> CompleteAsync(string paymentId, SandboxOutcome outcome, CancellationToken cancellationToken)
    {
        var (status, code) = outcome switch
        {
            SandboxOutcome.Success => (PayStatuses.Success, (string?)null),
            SandboxOutcome.Declined => (PayStatuses.Failed, PayCodes.Declined),
            SandboxOutcome.Abandoned => (PayStatuses.Failed, PayCodes.CancelledByUser),
            _ => (PayStatuses.Error, PayCodes.ProviderError),
        };
        var payment = await FindAsync(paymentId, cancellationToken).ConfigureAwait(false);
        if (payment is null)
            return null;
        if (PayStatuses.IsFinished(payment.Status))
            return payment; // Pay's page is gone once the payment has finished.
        payment = await SettleAsync(paymentId, status, code, cancellationToken).ConfigureAwait(false);
        await SendWebhookAsync(payment!, outcome == SandboxOutcome.Success ? PayEventTypes.Succeeded : PayEventTypes.Failed, cancellationToken)
            .ConfigureAwait(false);
        return payment;
    }

    /// <summary>Sets a payment's state at "Pay" without a webhook (as when Pay's webhook is lost).</summary>
    public async Task<SandboxPayment?> SettleAsync(string paymentId, string status, string? code, CancellationToken cancellationToken)
    {
        var payment = await ledger.FindAsync(paymentId, cancellationToken).ConfigureAwait(false);
        if (payment is null)
            return null;
        payment.Status = status;
        payment.Code = code;
        await ledger.SaveAsync(payment, cancellationToken).ConfigureAwait(false);
        return payment;
    }

    public async Task SendWebhookAsync(SandboxPayment payment, string eventType, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(Webhook(payment, eventType), PayJson.Options);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.Add(PayWebhookSignature.Header, PayWebhookSignature.Sign(body, WebhookSecret(payment.Account)));
        using var response = await http.CreateClient(WebhookClient)
            .PostAsync(new Uri(journeys.Value.PublicBaseUrl, "api/v1/webhooks/pay"), content, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    public string WebhookSecret(string account) => accounts.Value.Pay.Find(account)?.WebhookSigningSecret
        ?? throw new InvalidOperationException($"The Pay sandbox has no webhook secret for account '{account}'.");

    public PayWebhookMessage Webhook(SandboxPayment payment, string eventType) => new()
    {
        WebhookMessageId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(13)),
        CreatedDate = clock.GetUtcNow(),
        ResourceId = payment.PaymentId,
        ResourceType = "payment",
        EventType = eventType,
        Resource = Representation(payment, apiBase: null),
    };

    /// <summary>The payment as Pay's API shows it (<c>PaymentWithAllLinks</c>); links only when the API's address is known.</summary>
    public PayPayment Representation(SandboxPayment payment, Uri? apiBase)
    {
        var finished = PayStatuses.IsFinished(payment.Status);
        var self = apiBase is null ? null : new Uri(apiBase, $"v1/payments/{payment.PaymentId}");
        return new PayPayment
        {
            PaymentId = payment.PaymentId,
            Amount = payment.Request.Amount,
            Reference = payment.Request.Reference,
            Description = payment.Request.Description,
            ReturnUrl = payment.Request.ReturnUrl,
            Language = payment.Request.Language ?? PaymentLanguages.English,
            Metadata = payment.Request.Metadata,
            CreatedDate = PayJson.Timestamp(payment.CreatedAt),
            State = new PayPaymentState
            {
                Status = payment.Status, Finished = finished, Code = payment.Code,
                Message = payment.Code is null ? null : Messages.GetValueOrDefault(payment.Code),
            },
            RefundSummary = new PayRefundSummary
            {
                Status = payment.Status != PayStatuses.Success ? "unavailable" : AmountAvailable(payment) > 0 ? "available" : "full",
                AmountAvailable = AmountAvailable(payment),
                AmountSubmitted = payment.Refunds.Sum(r => r.Amount),
            },
            Links = self is null ? null : new PayPaymentLinks
            {
                Self = new PayLink(self.ToString(), "GET"),
                NextUrl = finished ? null : new PayLink(NextUrl(payment.PaymentId).ToString(), "GET"),
                Refunds = new PayLink(self + "/refunds", "GET"),
            },
        };
    }

    public static PayRefund Representation(SandboxPayment payment, SandboxRefund refund) => new()
    {
        RefundId = refund.RefundId, PaymentId = payment.PaymentId, Amount = refund.Amount, Status = PayStatuses.Success,
        CreatedDate = PayJson.Timestamp(refund.CreatedAt),
    };

    private Uri NextUrl(string paymentId) => new(journeys.Value.PublicBaseUrl, $"api/sandbox/pay/{paymentId}");

    private static readonly Dictionary<string, string> Messages = new(StringComparer.Ordinal)
    {
        [PayCodes.Declined] = "Payment method rejected",
        [PayCodes.Expired] = "Payment expired",
        [PayCodes.CancelledByUser] = "Payment was cancelled by the user",
        [PayCodes.CancelledByService] = "Payment was cancelled by the service",
        [PayCodes.ProviderError] = "Payment provider returned an error",
    };
}

/// <summary>What the citizen does on the sandbox's payment page.</summary>
public enum SandboxOutcome
{
    Success,
    Declined,
    Error,
    Abandoned,
}
