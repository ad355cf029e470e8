namespace Serverless.Workflows.Cases;

/// <summary>Milestones recorded on a case's timeline. Past-tense facts; each is recorded at most once per occurrence.</summary>
public static class TimelineMilestones
{
    public const string Submitted = "submitted";
    public const string IdentityVerified = "identity_verified";
    public const string IdentityInsufficient = "identity_insufficient";
    public const string PaymentRequested = "payment_requested";
    public const string PaymentReceived = "payment_received";
    public const string SentToDepartment = "sent_to_department";
    public const string DepartmentReminded = "department_reminded";
    public const string SlaBreached = "sla_breached";
    public const string InformationRequested = "information_requested";
    public const string InformationProvided = "information_provided";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string Refunded = "refunded";
    public const string Closed = "closed";

    /// <summary>A step failed after all its retries; the journey stopped and ops were alerted.</summary>
    public const string JourneyFailed = "journey_failed";

    /// <summary>A step failed after all its retries; the journey is parked for an operator (ServiceJourney_v2 on).</summary>
    public const string NeedsAttention = "needs_attention";

    /// <summary>An operator retried the parked step.</summary>
    public const string OperatorRetried = "operator_retried";

    /// <summary>An operator withdrew the parked case; it closes as withdrawn.</summary>
    public const string OperatorWithdrew = "operator_withdrew";

    /// <summary>An operator terminated the case's journey; the case closes as terminated.</summary>
    public const string OperatorTerminated = "operator_terminated";

    /// <summary>A citizen notification failed after all its retries; the journey went on and ops were alerted.</summary>
    public const string NotificationFailed = "notification_failed";
}

/// <summary>Who or what acted on a case, as the timeline shows it.</summary>
public static class Actors
{
    public const string Citizen = "citizen";
    public const string Platform = "platform";
    public const string Pay = "gov.uk-pay";

    public static string Department(string id) => "department:" + id;

    public static string Operator(string id) => "operator:" + id;
}
