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

/// <param name="CaseId">Sent as Pay metadata, so the webhook can find the case.</param>
public sealed record PaymentRequest(int AmountPence, string Reference, string Description, Uri ReturnUrl, string CaseId, string IdempotencyKey);

public sealed record CreatedPayment(string PaymentId, Uri NextUrl, DateTimeOffset ExpiresAt);

/// <summary>A payment's state in Pay's own terms (<c>created</c>, <c>started</c>, <c>success</c>, <c>failed</c>…).</summary>
public sealed record PaymentState(string PaymentId, string Status, bool Finished)
{
    public bool Succeeded => Status == PayStatuses.Success;
}

public sealed record RefundState(string RefundId, string Status);

public static class PayStatuses
{
    public const string Created = "created";
    public const string Started = "started";
    public const string Success = "success";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
    public const string Error = "error";
}
