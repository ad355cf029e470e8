namespace Serverless.Workflows.Notifications;

/// <summary>GOV.UK Notify's routes on both hosts, relative to <c>/api</c>: its receipts, and the Notify sandbox's API v2.</summary>
public static class NotifyRoutes
{
    public const string Callback = "v1/callbacks/notify";

    /// <summary>The sandbox's base URL is <c>{host}/api/sandbox/notify/</c>: the official client appends <c>v2/…</c>.</summary>
    public const string SandboxBase = "sandbox/notify/";
    public const string SandboxEmail = "sandbox/notify/v2/notifications/email";
    public const string SandboxSms = "sandbox/notify/v2/notifications/sms";
    public const string SandboxMessage = "sandbox/notify/v2/notifications/{notification_id}";
    public const string SandboxMessages = "sandbox/notify/v2/notifications";
}
