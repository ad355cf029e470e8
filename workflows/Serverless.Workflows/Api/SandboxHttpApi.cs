using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Workflows.Applications;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Identity;
using Serverless.Workflows.Notifications.Sandbox;

namespace Serverless.Workflows.Api;

/// <summary>
/// Stand-ins for the platforms' own user-facing parts, in sandbox mode only (404 otherwise): One Login's test tokens
/// and what Notify would have sent. The Pay sandbox is <see cref="Payments.PaySandboxHttpApi"/>. Both hosts serve them, as they serve the API.
/// </summary>
public sealed class SandboxHttpApi(IOptions<PlatformOptions> platform, IServiceProvider services)
{
    public async Task<IResult> IssueTokenAsync(HttpRequest request)
    {
        if (!Enabled)
            return Disabled();
        var (body, problem) = await JsonBody.ReadObjectAsync(request, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (body is null)
            return problem!;
        var subject = (string?)body["subject"];
        var level = (string?)body["level"];
        if (string.IsNullOrWhiteSpace(subject) || level is null || !IdentityLevels.IsKnown(level))
            return Problems.BadRequest("invalid-token-request", "Give a subject and a level (P0, P1 or P2).");
        // Optional, for tests of refusal: a token for another client, or one that has already expired (negative seconds).
        var audience = (string?)body["audience"];
        var lifetime = body["expires_in_seconds"] is JsonValue seconds && seconds.TryGetValue<int>(out var s) ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
        return Results.Json(new { token = services.GetRequiredService<SandboxIdentityProvider>().Issue(subject, level, lifetime, audience) });
    }

    /// <summary>The identity sandbox's public signing key, as One Login publishes its own: anonymous, like did.json.</summary>
    public IResult IdentityKeys() =>
        Enabled ? Results.Json(services.GetRequiredService<SandboxIdentityProvider>().Jwks()) : Disabled();

    public Task<IResult> NotificationsAsync(HttpRequest request) =>
        Enabled ? services.GetRequiredService<NotifySandbox>().ForCaseAsync(request) : Task.FromResult(Disabled());

    private bool Enabled => platform.Value.Mode == PlatformOptions.SandboxMode;

    private static IResult Disabled() => Problems.NotFound("The sandbox");
}

/// <summary>Sandbox routes, relative to <c>/api</c> like <see cref="Routes"/>.</summary>
public static class SandboxRoutes
{
    public const string IdentityTokens = "sandbox/identity/tokens";
    public const string PaymentPage = "sandbox/pay/{payment_id}";
    public const string CompletePayment = "sandbox/pay/{payment_id}/complete";

    // The Pay sandbox's API: GOV.UK Pay's public API paths under sandbox/pay/ (PaySandboxHttpApi).
    public const string PayPayments = "sandbox/pay/v1/payments";
    public const string PayPayment = "sandbox/pay/v1/payments/{payment_id}";
    public const string PayRefunds = "sandbox/pay/v1/payments/{payment_id}/refunds";
    public const string PayThrottle = "sandbox/pay/control/throttle";
    public const string Notifications = "sandbox/notify/messages";
}
