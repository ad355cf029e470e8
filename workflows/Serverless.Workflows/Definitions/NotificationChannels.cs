namespace Serverless.Workflows.Definitions;

/// <summary>GOV.UK Notify channels a template may use (<see cref="NotificationTemplate.Channel"/>).</summary>
public static class NotificationChannels
{
    public const string Email = "email";
    public const string Sms = "sms";

    public static IReadOnlyList<string> All { get; } = [Email, Sms];
}
