namespace Serverless.Workflows.Payments;

/// <summary>
/// Takes payments through GOV.UK Pay (or its sandbox), in the department's own Pay account. Creating a payment with
/// the same idempotency key returns the same payment, so a retried step never charges twice.
/// </summary>
public interface IPaymentGateway
{
    Task<CreatedPayment> CreatePaymentAsync(string account, PaymentRequest request, CancellationToken cancellationToken);

    Task<PaymentState> GetPaymentAsync(string account, string paymentId, CancellationToken cancellationToken);

    Task<RefundState> RefundAsync(string account, string paymentId, int amountPence, string idempotencyKey, CancellationToken cancellationToken);
}

/// <param name="CaseId">Sent as Pay metadata (with the service and its version), so the webhook can find the case.</param>
/// <param name="Language">The payment page's language: <c>en</c> or <c>cy</c>.</param>
public sealed record PaymentRequest(
    int AmountPence, string Reference, string Description, Uri ReturnUrl, string CaseId, string IdempotencyKey,
    string ServiceId, int ServiceVersion, string Language = PaymentLanguages.English);

public sealed record CreatedPayment(string PaymentId, Uri NextUrl, DateTimeOffset ExpiresAt);

/// <summary>A payment's state in Pay's own terms (<c>created</c>, <c>started</c>, <c>success</c>, <c>failed</c>…, and a P00x0 code).</summary>
public sealed record PaymentState(string PaymentId, string Status, bool Finished, string? Code = null)
{
    public bool Succeeded => Status == PayStatuses.Success;

    /// <summary>
    /// The journey's outcome for a finished payment (null while the citizen may still pay): success, expired (P0020),
    /// or failed (declined P0010, cancelled P0030/P0040, provider error P0050).
    /// </summary>
    public string? Outcome => !Finished ? null
        : Succeeded ? PaymentOutcomes.Succeeded
        : Code == PayCodes.Expired ? PaymentOutcomes.Expired
        : PaymentOutcomes.Failed;
}

public sealed record RefundState(string RefundId, string Status);

public static class PayStatuses
{
    public const string Created = "created";
    public const string Started = "started";
    public const string Submitted = "submitted";
    public const string Success = "success";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
    public const string Error = "error";

    public static bool IsFinished(string status) => status is Success or Failed or Cancelled or Error;
}

public static class PaymentLanguages
{
    public const string English = "en";
    public const string Welsh = "cy";

    /// <summary>The application's <c>language</c> if it is one Pay's page speaks, else English.</summary>
    public static string Of(System.Text.Json.Nodes.JsonObject? application) =>
        application?["language"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var language) && language == Welsh ? Welsh : English;
}
