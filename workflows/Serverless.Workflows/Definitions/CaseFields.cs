namespace Serverless.Workflows.Definitions;

/// <summary>
/// Personalisation sources that come from the case rather than the application body
/// (see <see cref="NotificationTemplate.Personalisation"/>).
/// </summary>
public static class CaseFields
{
    public const string Reference = "case.reference";
    public const string ServiceName = "case.service_name";
    public const string Reason = "case.reason";
    public const string PaymentUrl = "case.payment_url";
    public const string RespondBy = "case.respond_by";
    public const string Fee = "case.fee";

    public static IReadOnlyList<string> All { get; } = [Reference, ServiceName, Reason, PaymentUrl, RespondBy, Fee];
}
