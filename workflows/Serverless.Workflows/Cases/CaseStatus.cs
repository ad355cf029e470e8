namespace Serverless.Workflows.Cases;

/// <summary>Public case status, as citizens, departments and ops see it (snake_case on the wire).</summary>
public static class CaseStatus
{
    public const string Submitted = "submitted";
    public const string AwaitingPayment = "awaiting_payment";
    public const string WithDepartment = "with_department";
    public const string AwaitingInformation = "awaiting_information";
    public const string Approved = "approved";
    public const string Rejected = "rejected";

    /// <summary>Ended without a decision (identity too weak, payment failed or expired, information not provided).</summary>
    public const string Closed = "closed";

    /// <summary>The journey stopped on a step that failed after all its retries: ops have been alerted and must act.</summary>
    public const string Failed = "failed";

    public const string NeedsAttention = "needs_attention";

    public static IReadOnlyList<string> All { get; } =
        [Submitted, AwaitingPayment, WithDepartment, AwaitingInformation, Approved, Rejected, Closed, Failed];

    public static bool IsFinished(string status) => status is Approved or Rejected or Closed or Failed;
}
