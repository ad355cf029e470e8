using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Serverless.Workflows.Notifications;
using Serverless.Workflows.Notifications.Sandbox;

namespace Serverless.Functions.Http;

/// <summary>
/// Notify's delivery receipts and the Notify sandbox's API v2. Anonymous to the Functions host: the receipt carries the
/// bearer token configured in Notify, and the sandbox checks Notify's API-key JWT, as Notify does.
/// </summary>
public sealed class NotifyFunctions(NotifyCallbackIntake callbacks, NotifySandbox sandbox)
{
    [Function("NotifyCallback")]
    public Task<IActionResult> Callback([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = NotifyRoutes.Callback)] HttpRequest request) =>
        callbacks.HandleAsync(request, request.HttpContext.RequestAborted).ToActionResult();

    [Function("NotifySandboxSendEmail")]
    public Task<IActionResult> SendEmail([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = NotifyRoutes.SandboxEmail)] HttpRequest request) =>
        sandbox.SendEmailAsync(request).ToActionResult();

    [Function("NotifySandboxSendSms")]
    public Task<IActionResult> SendSms([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = NotifyRoutes.SandboxSms)] HttpRequest request) =>
        sandbox.SendSmsAsync(request).ToActionResult();

    [Function("NotifySandboxGetMessage")]
    public Task<IActionResult> GetMessage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = NotifyRoutes.SandboxMessage)] HttpRequest request, string notification_id) =>
        sandbox.GetAsync(request, notification_id).ToActionResult();

    [Function("NotifySandboxListMessages")]
    public Task<IActionResult> ListMessages([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = NotifyRoutes.SandboxMessages)] HttpRequest request) =>
        sandbox.ListAsync(request).ToActionResult();
}
