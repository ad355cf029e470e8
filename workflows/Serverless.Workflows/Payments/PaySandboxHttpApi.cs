using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Serverless.Workflows.Api;
using Serverless.Workflows.Applications;
using Serverless.Workflows.Configuration;

namespace Serverless.Workflows.Payments;

/// <summary>
/// The Pay sandbox over HTTP, for both hosts (404 unless Platforms:Mode is sandbox): Pay's public API under
/// <c>/api/sandbox/pay/v1/…</c>, authenticated by each sandbox account's API key and answering in Pay's shapes and
/// error codes, the hosted payment page, and a sandbox-only control that makes Pay's rate limit (429) bite.
/// </summary>
public sealed class PaySandboxHttpApi(PaySandbox pay, IOptions<PlatformOptions> platform)
{
    private const int MaxBytes = 16 * 1024;

    public Task<IResult> CreatePaymentAsync(HttpRequest request) => AuthenticatedAsync(request, async account =>
    {
        var body = await ReadAsync<PayCreatePaymentRequest>(request).ConfigureAwait(false);
        if (body is null || body.Amount is < 0 or > 10_000_000 || body.Reference.Length > 255 || body.Description.Length > 255
            || body.ReturnUrl.Length > 2000 || body.Language is not (null or PaymentLanguages.English or PaymentLanguages.Welsh))
            return Error(StatusCodes.Status400BadRequest, "P0102", "Invalid attribute value or missing required attribute.");
        var key = request.Headers["Idempotency-Key"].ToString();
        if (key.Length > 255 || key.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-'))
            return Error(StatusCodes.Status400BadRequest, "P0102", "Invalid Idempotency-Key.");
        var payment = await pay.CreateAsync(account, body, key, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return payment is null
            ? Error(StatusCodes.Status409Conflict, PayCodes.IdempotencyKeyReused, "The Idempotency-Key was used before with a different request.")
            : Results.Json(pay.Representation(payment, ApiBase(request)), PayJson.Options, statusCode: StatusCodes.Status201Created);
    });

    public Task<IResult> GetPaymentAsync(HttpRequest request, string paymentId) => AuthenticatedAsync(request, async account =>
        await FindAsync(account, paymentId, request).ConfigureAwait(false) is { } payment
            ? Results.Json(pay.Representation(payment, ApiBase(request)), PayJson.Options)
            : PaymentNotFound());

    public Task<IResult> RefundAsync(HttpRequest request, string paymentId) => AuthenticatedAsync(request, async account =>
    {
        if (await FindAsync(account, paymentId, request).ConfigureAwait(false) is not { } payment)
            return PaymentNotFound();
        var body = await ReadAsync<PayRefundRequest>(request).ConfigureAwait(false);
        if (body is null || body.Amount < 1)
            return Error(StatusCodes.Status400BadRequest, "P0602", "Invalid attribute value: amount.");
        if (body.Amount > PaySandbox.AmountAvailable(payment) && body.RefundAmountAvailable is null)
            return Error(StatusCodes.Status400BadRequest, "P0603", "The payment is not available for refund.");
        return await pay.RefundAsync(payment, body, request.HttpContext.RequestAborted).ConfigureAwait(false) is { } refund
            ? Results.Json(PaySandbox.Representation(payment, refund), PayJson.Options)
            : Error(StatusCodes.Status412PreconditionFailed, PayCodes.RefundAmountMismatch, "Refund amount available mismatch.");
    });

    public Task<IResult> ListRefundsAsync(HttpRequest request, string paymentId) => AuthenticatedAsync(request, async account =>
        await FindAsync(account, paymentId, request).ConfigureAwait(false) is { } payment
            ? Results.Json(new PayRefundList
            {
                PaymentId = payment.PaymentId,
                Embedded = new PayEmbeddedRefunds([.. payment.Refunds.Select(r => PaySandbox.Representation(payment, r))]),
            }, PayJson.Options)
            : PaymentNotFound());

    /// <summary>Sandbox only: <c>{"count": N}</c> makes the account's next N API requests answer 429 (P0900).</summary>
    public async Task<IResult> ThrottleAsync(HttpRequest request)
    {
        if (!platform.Value.IsSandbox)
            return Problems.NotFound("The sandbox");
        if (pay.Authenticate(request.Headers.Authorization) is not { } account)
            return Problems.Unauthorised("A sandbox account's Pay API key is required as the bearer token.");
        var (body, problem) = await JsonBody.ReadObjectAsync(request, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (body is null)
            return problem!;
        if (body["count"] is not JsonValue value || !value.TryGetValue<int>(out var count) || count is < 0 or > 100)
            return Problems.BadRequest("invalid-throttle", "Give a count from 0 to 100.");
        pay.Throttle(account, count);
        return Results.NoContent();
    }

    public async Task<IResult> PaymentPageAsync(HttpRequest request, string paymentId) =>
        platform.Value.IsSandbox && await pay.FindAsync(paymentId, request.HttpContext.RequestAborted).ConfigureAwait(false) is { } payment
            ? Results.Content(PaymentPage(payment), "text/html")
            : Problems.NotFound($"Payment '{paymentId}'");

    /// <summary>The page's buttons: <c>?outcome=success|declined|error|abandoned</c>.</summary>
    public async Task<IResult> CompletePaymentAsync(HttpRequest request, string paymentId)
    {
        if (!platform.Value.IsSandbox)
            return Problems.NotFound("The sandbox");
        if (!Enum.TryParse<SandboxOutcome>(request.Query["outcome"].ToString() is { Length: > 0 } o ? o : "success", ignoreCase: true, out var outcome)
            || !Enum.IsDefined(outcome))
            return Problems.BadRequest("invalid-outcome", "The outcome is one of success, declined, error or abandoned.");
        return await pay.CompleteAsync(paymentId, outcome, request.HttpContext.RequestAborted).ConfigureAwait(false) is { } payment
            ? Results.Json(new { payment_id = paymentId, status = payment.Status, code = payment.Code, return_url = payment.Request.ReturnUrl }, ApiJson.Options)
            : Problems.NotFound($"Payment '{paymentId}'");
    }

    private async Task<IResult> AuthenticatedAsync(HttpRequest request, Func<string, Task<IResult>> handle)
    {
        if (!platform.Value.IsSandbox)
            return Problems.NotFound("The sandbox");
        if (pay.Authenticate(request.Headers.Authorization) is not { } account)
            return Results.StatusCode(StatusCodes.Status401Unauthorized); // Pay answers 401 with no body.
        if (pay.TakeThrottled(account))
            return Error(StatusCodes.Status429TooManyRequests, PayCodes.TooManyRequests, "Too many requests");
        return await handle(account).ConfigureAwait(false);
    }

    /// <summary>Only the account's own payments are visible to its key, as at Pay.</summary>
    private async Task<SandboxPayment?> FindAsync(string account, string paymentId, HttpRequest request) =>
        await pay.FindAsync(paymentId, request.HttpContext.RequestAborted).ConfigureAwait(false) is { } payment && PlatformAccountSettings.Same(payment.Account, account) ? payment : null;

    private static async Task<T?> ReadAsync<T>(HttpRequest request) where T : class
    {
        if (await JsonBody.ReadBytesAsync(request, MaxBytes, request.HttpContext.RequestAborted).ConfigureAwait(false) is not { } bytes)
            return null;
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, PayJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>This sandbox's Pay API address, for the payment's links: <c>…/sandbox/pay/</c> under the host's prefix.</summary>
    private static Uri ApiBase(HttpRequest request)
    {
        var path = request.PathBase + request.Path;
        var at = path.Value!.IndexOf("/v1/", StringComparison.Ordinal);
        return new Uri($"{request.Scheme}://{request.Host}{path.Value[..(at + 1)]}");
    }

    private static IResult PaymentNotFound() => Error(StatusCodes.Status404NotFound, "P0200", "Not found");

    private static IResult Error(int status, string code, string description) =>
        Results.Json(new PayError { Code = code, Description = description }, PayJson.Options, statusCode: status);

    // Relative form actions: the page is served at .../sandbox/pay/{id} under either host's route prefix.
    private static string PaymentPage(SandboxPayment p) => string.Create(CultureInfo.InvariantCulture, $"""
        <!doctype html><html lang="{p.Request.Language ?? PaymentLanguages.English}"><head><meta charset="utf-8"><title>Sandbox payment</title></head>
        <body><h1>GOV.UK Pay sandbox</h1><p>{WebUtility.HtmlEncode(p.Request.Description)}: £{p.Request.Amount / 100m:0.00}</p>
        <form method="post" action="{p.PaymentId}/complete?outcome=success"><button>Pay</button></form>
        <form method="post" action="{p.PaymentId}/complete?outcome=declined"><button>Card declined</button></form>
        <form method="post" action="{p.PaymentId}/complete?outcome=error"><button>Payment fails</button></form>
        <form method="post" action="{p.PaymentId}/complete?outcome=abandoned"><button>Cancel payment</button></form></body></html>
        """);
}
