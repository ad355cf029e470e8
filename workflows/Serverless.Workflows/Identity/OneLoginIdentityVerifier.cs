using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Definitions;

namespace Serverless.Workflows.Identity;

/// <summary>
/// Verifies GOV.UK One Login's core identity JWT (the <c>https://vocab.account.gov.uk/v1/coreIdentityJWT</c> claim the
/// frontend received): ES256 with a key the issuer publishes, <c>iss</c>, <c>aud</c>, <c>nbf</c>, <c>exp</c>, and a known
/// <c>vot</c>. In sandbox mode it is pointed at the identity sandbox on this host, so this is the code under test there.
/// </summary>
public sealed class OneLoginIdentityVerifier(
    IdentityKeySet keys, IOptions<OneLoginOptions> options, IOptions<PlatformOptions> platform, IOptions<JourneyOptions> journeys, TimeProvider clock)
    : IIdentityVerifier
{
    private readonly JsonWebTokenHandler _handler = new();

    public async Task<IdentityVerification> VerifyAsync(string token, CancellationToken cancellationToken)
    {
        var (issuer, audience, keysUrl) = Resolve();
        if (!_handler.CanReadToken(token))
            return new IdentityVerification.Refused("The identity token is not valid.");
        var unverified = _handler.ReadJsonWebToken(token);
        if (unverified.Alg != SecurityAlgorithms.EcdsaSha256)
            return new IdentityVerification.Refused("The identity token is not signed with ES256.");
        if (await keys.FindAsync(keysUrl, unverified.Kid, options.Value.KeysCacheFor, cancellationToken).ConfigureAwait(false) is not { } key)
            return new IdentityVerification.Refused("The identity token is not signed with a key the issuer publishes.");

        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = audience,
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            RequireExpirationTime = true,
            // Our clock, not the machine's: tests and the sandbox share one notion of "now".
            LifetimeValidator = (notBefore, expires, _, _) => IsCurrent(notBefore, expires),
        }).ConfigureAwait(false);
        if (!result.IsValid)
            return new IdentityVerification.Refused(result.Exception switch
            {
                SecurityTokenInvalidLifetimeException => "The identity token has expired or is not yet valid.",
                SecurityTokenInvalidAudienceException => "The identity token was issued for another service.",
                SecurityTokenInvalidIssuerException => "The identity token is from another issuer.",
                _ => "The identity token's signature is not valid.",
            });

        var subject = result.Claims.TryGetValue("sub", out var s) ? s as string : null;
        var level = result.Claims.TryGetValue("vot", out var v) ? v as string : null;
        if (string.IsNullOrEmpty(subject) || level is null || !IdentityLevels.IsKnown(level))
            return new IdentityVerification.Refused("The identity token has no subject or level of confidence.");
        return new IdentityVerification.Verified(subject, level);
    }

    private (string Issuer, string Audience, Uri KeysUrl) Resolve()
    {
        var o = options.Value;
        var sandbox = platform.Value.Mode == PlatformOptions.SandboxMode;
        string Or(string value, string sandboxValue, string name) => value.Length > 0 ? value
            : sandbox ? sandboxValue : throw new InvalidOperationException($"Set Platforms__Identity__{name}: it has no default outside sandbox mode.");
        return (
            Or(o.Issuer, SandboxIdentityProvider.Issuer, nameof(o.Issuer)),
            Or(o.Audience, SandboxIdentityProvider.Audience, nameof(o.Audience)),
            new Uri(Or(o.KeysUrl, new Uri(journeys.Value.PublicBaseUrl, "api/" + IdentityRoutes.SandboxKeys).ToString(), nameof(o.KeysUrl))));
    }

    private bool IsCurrent(DateTime? notBefore, DateTime? expires)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return expires is { } e && e > now && (notBefore is not { } nb || nb <= now);
    }
}
