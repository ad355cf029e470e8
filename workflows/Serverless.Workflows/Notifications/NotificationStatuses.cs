namespace Serverless.Workflows.Notifications;

/// <summary>Notify's delivery statuses that its receipts report, and ours for a request Notify refused.</summary>
public static class NotificationStatuses
{
    public const string Delivered = "delivered";
    public const string PermanentFailure = "permanent-failure";
    public const string TemporaryFailure = "temporary-failure";
    public const string TechnicalFailure = "technical-failure";

    /// <summary>Ours, not Notify's: Notify answered 4xx, so the message was never accepted.</summary>
    public const string Rejected = "rejected";

    /// <summary>Ours: Notify stayed unreachable (429, 5xx or no answer) through every retry of the notification step.</summary>
    public const string NotSent = "not-sent";

    /// <summary>The final statuses a delivery receipt can carry.</summary>
    public static IReadOnlyList<string> Receipts { get; } = [Delivered, PermanentFailure, TemporaryFailure, TechnicalFailure];

    /// <summary>Timeline milestone for a receipt: <c>notification_delivered</c>, <c>notification_permanent_failure</c>…</summary>
    public static string Milestone(string status) => "notification_" + status.Replace('-', '_');
}
