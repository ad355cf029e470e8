using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Serverless.Workflows.Configuration;

namespace Serverless.Workflows.Payments;

/// <summary>
/// The live GOV.UK Pay adapter over Pay's public API: in live mode against GOV.UK Pay, in sandbox mode against this
/// app's Pay sandbox, which serves the same API. Each call authenticates with the API key of the service's own Pay
/// account. Retries (429, 5xx, connection failures) are the HttpClient's resilience handler's (<see cref="PayHttp"/>);
/// a 4xx answer is never retried and surfaces here as a <see cref="PayApiException"/>.
/// </summary>
public sealed class GovUkPayGateway(HttpClient http, IOptions<PlatformAccountsOptions> accounts, PayTimings timings, TimeProvider clock) : IPaymentGateway
{
    public async Task<CreatedPayment> CreatePaymentAsync(string account, PaymentRequest request, CancellationToken cancellationToken)
    {
        var body = new PayCreatePaymentRequest
        {
            Amount = request.AmountPence,
            Reference = request.Reference,
            Description = request.Description,
            ReturnUrl = request.ReturnUrl.ToString(),
            Language = request.Language,
            Metadata = new Dictionary<string, JsonElement>
            {
                ["case_id"] = JsonSerializer.SerializeToElement(request.CaseId),
                ["service_id"] = JsonSerializer.SerializeToElement(request.ServiceId),
                ["service_version"] = JsonSerializer.SerializeToElement(request.ServiceVersion),
            },
        };
        using var message = Request(HttpMethod.Post, "v1/payments", account, JsonContent.Create(body, options: PayJson.Options));
        message.Headers.Add("Idempotency-Key", IdempotencyKey(request.IdempotencyKey));
        var payment = await SendAsync<PayPayment>(message, cancellationToken).ConfigureAwait(false);
        var nextUrl = payment.Links?.NextUrl?.Href ?? throw new PayApiException(HttpStatusCode.OK, null, "Pay created a payment without a next_url.");
        var created = DateTimeOffset.TryParse(payment.CreatedDate, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : clock.GetUtcNow();
        return new CreatedPayment(payment.PaymentId, new Uri(nextUrl), created + timings.PaymentLifetime);
    }

    public async Task<PaymentState> GetPaymentAsync(string account, string paymentId, CancellationToken cancellationToken)
    {
        using var message = Request(HttpMethod.Get, $"v1/payments/{Uri.EscapeDataString(paymentId)}", account);
        var payment = await SendAsync<PayPayment>(message, cancellationToken).ConfigureAwait(false);
        return new PaymentState(payment.PaymentId, payment.State.Status, payment.State.Finished, payment.State.Code);
    }

    /// <summary>
    /// Refunds with <c>refund_amount_available</c> set to what Pay says is still refundable, so a refund repeated by a
    /// retry (or a retried activity) cannot pay out twice: Pay answers 412 and the refund already made is returned.
    /// The idempotency key is the caller's; Pay's refund API has none, and the case records the refund once.
    /// </summary>
    public async Task<RefundState> RefundAsync(string account, string paymentId, int amountPence, string idempotencyKey, CancellationToken cancellationToken)
    {
        var path = $"v1/payments/{Uri.EscapeDataString(paymentId)}";
        using (var get = Request(HttpMethod.Get, path, account))
        {
            var payment = await SendAsync<PayPayment>(get, cancellationToken).ConfigureAwait(false);
            if (payment.RefundSummary is { } summary && summary.AmountAvailable < amountPence && summary.AmountSubmitted > 0)
                return await ExistingRefundAsync(account, path, cancellationToken).ConfigureAwait(false);
        }
        var body = new PayRefundRequest { Amount = amountPence, RefundAmountAvailable = amountPence };
        using var post = Request(HttpMethod.Post, path + "/refunds", account, JsonContent.Create(body, options: PayJson.Options));
        try
        {
            var refund = await SendAsync<PayRefund>(post, cancellationToken).ConfigureAwait(false);
            return new RefundState(refund.RefundId, refund.Status);
        }
        catch (PayApiException e) when (e.Status == HttpStatusCode.PreconditionFailed)
        {
            return await ExistingRefundAsync(account, path, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Pay's Idempotency-Key allows letters, digits and hyphens only: the caller's key, hashed to that alphabet.</summary>
    public static string IdempotencyKey(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private async Task<RefundState> ExistingRefundAsync(string account, string paymentPath, CancellationToken cancellationToken)
    {
        using var message = Request(HttpMethod.Get, paymentPath + "/refunds", account);
        var list = await SendAsync<PayRefundList>(message, cancellationToken).ConfigureAwait(false);
        var refund = list.Embedded.Refunds.FirstOrDefault(r => r.Status != "error")
            ?? throw new PayApiException(HttpStatusCode.PreconditionFailed, PayCodes.RefundAmountMismatch, "Pay refuses the refund, and the payment has no refund.");
        return new RefundState(refund.RefundId, refund.Status);
    }

    private HttpRequestMessage Request(HttpMethod method, string path, string account, HttpContent? content = null)
    {
        var key = accounts.Value.Pay.Find(account)?.ApiKey;
        if (string.IsNullOrEmpty(key))
            throw new InvalidOperationException($"No Pay API key for account '{account}': set {PlatformAccountSettings.PayApiKey(account).Name}.");
        var message = new HttpRequestMessage(method, path) { Content = content };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return message;
    }

    private async Task<T> SendAsync<T>(HttpRequestMessage message, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            PayError? error = null;
            try
            {
                error = await response.Content.ReadFromJsonAsync<PayError>(PayJson.Options, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException)
            {
            }
            throw new PayApiException(response.StatusCode, error?.Code, error?.Description);
        }
        return await response.Content.ReadFromJsonAsync<T>(PayJson.Options, cancellationToken).ConfigureAwait(false)
            ?? throw new PayApiException(response.StatusCode, null, "Pay answered with an empty body.");
    }
}

/// <summary>Pay's fixed timings, which its API does not report: the sandbox and the adapter share them, and tests shorten them.</summary>
public sealed class PayTimings
{
    /// <summary>Pay expires an unfinished payment 90 minutes after it was created (state P0020).</summary>
    public TimeSpan PaymentLifetime { get; set; } = TimeSpan.FromMinutes(90);
}

/// <summary>Pay refused a request (after any retries): the HTTP status and Pay's error code (P0xxx).</summary>
public sealed class PayApiException(HttpStatusCode status, string? code, string? description)
    : Exception($"GOV.UK Pay answered {(int)status} {code}: {description}")
{
    public HttpStatusCode Status { get; } = status;
    public string? Code { get; } = code;
}
