using Serverless.Workflows.Notifications;
using Serverless.Workflows.Notifications.Sandbox;

namespace Serverless.SelfHost.Endpoints;

/// <summary>
/// Notify's delivery receipts (bearer token, checked by the intake) and the Notify sandbox's API v2 (Notify's own API-key
/// JWT, checked by the sandbox), as the Functions app serves them: no frontend key on either.
/// </summary>
public static class NotifyEndpoints
{
    public static void MapNotifyApi(this RouteGroupBuilder api)
    {
        api.MapPost(NotifyRoutes.Callback, (NotifyCallbackIntake h, HttpRequest r) => h.HandleAsync(r, r.HttpContext.RequestAborted));
        api.MapPost(NotifyRoutes.SandboxEmail, (NotifySandbox s, HttpRequest r) => s.SendEmailAsync(r));
        api.MapPost(NotifyRoutes.SandboxSms, (NotifySandbox s, HttpRequest r) => s.SendSmsAsync(r));
        api.MapGet(NotifyRoutes.SandboxMessage, (NotifySandbox s, HttpRequest r, string notification_id) => s.GetAsync(r, notification_id));
        api.MapGet(NotifyRoutes.SandboxMessages, (NotifySandbox s, HttpRequest r) => s.ListAsync(r));
    }
}
