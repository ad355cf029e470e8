using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Serverless.Workflows.Api;
using Serverless.Workflows.Identity;

namespace Serverless.Functions.Http;

/// <summary>
/// The platforms' sandboxes, as the self-host serves them (404 unless Platforms:Mode is sandbox). Test tokens and sent
/// messages need a function key; the payment page and its buttons are the citizen's browser's, so they are anonymous.
/// </summary>
public sealed class SandboxFunctions(SandboxHttpApi sandbox)
{
    [Function("SandboxIssueToken")]
    public Task<IActionResult> IssueToken([HttpTrigger(AuthorizationLevel.Function, "post", Route = SandboxRoutes.IdentityTokens)] HttpRequest request) =>
        sandbox.IssueTokenAsync(request).ToActionResult();

    [Function("SandboxNotifications")]
    public Task<IActionResult> Notifications([HttpTrigger(AuthorizationLevel.Function, "get", Route = SandboxRoutes.Notifications)] HttpRequest request) =>
        sandbox.NotificationsAsync(request).ToActionResult();

    [Function("SandboxIdentityKeys")]
    public IActionResult IdentityKeys([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = IdentityRoutes.SandboxKeys)] HttpRequest request) =>
        sandbox.IdentityKeys().ToActionResult();

    [Function("SandboxPaymentPage")]
    public Task<IActionResult> PaymentPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = SandboxRoutes.PaymentPage)] HttpRequest request, string payment_id) =>
        sandbox.PaymentPageAsync(request, payment_id).ToActionResult();

    [Function("SandboxCompletePayment")]
    public Task<IActionResult> CompletePayment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = SandboxRoutes.CompletePayment)] HttpRequest request, string payment_id) =>
        sandbox.CompletePaymentAsync(request, payment_id).ToActionResult();
}
