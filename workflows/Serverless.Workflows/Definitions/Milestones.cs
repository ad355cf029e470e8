namespace Serverless.Workflows.Definitions;

/// <summary>Milestones a citizen is told about; a definition names a template for each.</summary>
public static class Milestones
{
    public const string Received = "received";
    public const string PaymentRequested = "payment_requested";
    public const string WithDepartment = "with_department";
    public const string InformationRequested = "information_requested";
    public const string Approved = "approved";
    public const string Rejected = "rejected";

    /// <summary>The journey ended without a decision: identity too weak, payment failed or expired, no answer in time.</summary>
    public const string Closed = "closed";

    public static IReadOnlyList<string> All { get; } =
        [Received, PaymentRequested, WithDepartment, InformationRequested, Approved, Rejected, Closed];

    /// <summary>Milestones every definition must template; payment_requested only when there is a fee.</summary>
    public static IReadOnlyList<string> Required(bool hasFee) =>
        hasFee ? All : [.. All.Where(m => m != PaymentRequested)];
}
