using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Serverless.Workflows.Api;
using Serverless.Workflows.Identity;
using Serverless.Workflows.Payments;

namespace Serverless.Functions.Http;

/// <summary>
/// The platforms' sandboxes, as the self-host serves them (404 unless Platforms:Mode is sandbox). Test tokens and sent
/// messages need a function key; the payment page and its buttons are the citizen's browser's, so they are anonymous.
/// </summary>
public sealed class SandboxFunctions(SandboxHttpApi sandbox, PaySandboxHttpApi pay)
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
        pay.PaymentPageAsync(request, payment_id).ToActionResult();

    [Function("SandboxCompletePayment")]
    public Task<IActionResult> CompletePayment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = SandboxRoutes.CompletePayment)] HttpRequest request, string payment_id) =>
        pay.CompletePaymentAsync(request, payment_id).ToActionResult();

    // The Pay sandbox's API: anonymous to the Functions host, because it checks each sandbox account's Pay API key itself.
    [Function("SandboxPayCreatePayment")]
    public Task<IActionResult> PayCreatePayment([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = SandboxRoutes.PayPayments)] HttpRequest request) =>
        pay.CreatePaymentAsync(request).ToActionResult();

    [Function("SandboxPayGetPayment")]
    public Task<IActionResult> PayGetPayment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = SandboxRoutes.PayPayment)] HttpRequest request, string payment_id) =>
        pay.GetPaymentAsync(request, payment_id).ToActionResult();

    [Function("SandboxPayRefund")]
    public Task<IActionResult> PayRefund(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = SandboxRoutes.PayRefunds)] HttpRequest request, string payment_id) =>
        pay.RefundAsync(request, payment_id).ToActionResult();

    [Function("SandboxPayListRefunds")]
    public Task<IActionResult> PayListRefunds(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = SandboxRoutes.PayRefunds)] HttpRequest request, string payment_id) =>
        pay.ListRefundsAsync(request, payment_id).ToActionResult();

    [Function("SandboxPayThrottle")]
    public Task<IActionResult> PayThrottle([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = SandboxRoutes.PayThrottle)] HttpRequest request) =>
        pay.ThrottleAsync(request).ToActionResult();
}
