using System.Globalization;
using System.Net;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Identity;
using Serverless.Workflows.Notifications;
using Serverless.Workflows.Payments;

namespace Serverless.SelfHost.Endpoints;

/// <summary>
/// Local stand-ins for the platforms' own user-facing parts: One Login's token issuance, Pay's hosted payment page,
/// and a read of what Notify would have sent. Mapped only in sandbox mode; not part of the public API.
/// </summary>
public static class SandboxEndpoints
{
    public static IEndpointRouteBuilder MapSandboxes(this IEndpointRouteBuilder app)
    {
        var sandbox = app.MapGroup("/sandbox");

        sandbox.MapPost("/identity/tokens", (SandboxIdentityProvider identity, TokenRequest request) =>
            IdentityLevels.IsKnown(request.Level) && !string.IsNullOrWhiteSpace(request.Subject)
                ? Results.Json(new { token = identity.Issue(request.Subject, request.Level) })
                : Results.Problem(statusCode: 400, title: "Bad request", detail: "Give a subject and a level (P0, P1 or P2)."));

        sandbox.MapGet("/pay/{payment_id}", async (SandboxPaymentProvider pay, string payment_id, CancellationToken ct) =>
            await pay.FindPaymentAsync(payment_id, ct).ConfigureAwait(false) is { } p ? Results.Content(PaymentPage(p), "text/html") : Results.NotFound());

        sandbox.MapPost("/pay/{payment_id}/complete", async (SandboxPaymentProvider pay, string payment_id, string? outcome, CancellationToken ct) =>
        {
            var succeed = outcome is null or "success";
            return await pay.CompleteAsync(payment_id, succeed, ct).ConfigureAwait(false) is { } p
                ? Results.Json(new { payment_id, status = p.Status, return_url = p.Request.ReturnUrl })
                : Results.NotFound();
        });

        sandbox.MapGet("/notify/messages", (SandboxNotificationOutbox notify, string case_id) =>
            Results.Json(new
            {
                messages = notify.ForCase(case_id).Select(n => new
                {
                    id = n.NotificationId, sent_at = n.SentAt.UtcDateTime, channel = n.Message.Channel, template_id = n.Message.TemplateId,
                    reference = n.Message.Reference, personalisation = n.Message.Personalisation,
                }),
            }));
        return app;
    }

    public sealed record TokenRequest(string Subject, string Level);

    private static string PaymentPage(SandboxPayment p) => string.Create(CultureInfo.InvariantCulture, $"""
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sandbox payment</title></head>
        <body><h1>GOV.UK Pay sandbox</h1><p>{WebUtility.HtmlEncode(p.Request.Description)}: £{p.Request.AmountPence / 100m:0.00}</p>
        <form method="post" action="/sandbox/pay/{p.PaymentId}/complete?outcome=success"><button>Pay</button></form>
        <form method="post" action="/sandbox/pay/{p.PaymentId}/complete?outcome=failed"><button>Decline</button></form></body></html>
        """);
}
