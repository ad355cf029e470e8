using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Definitions;

namespace Serverless.Workflows.Identity;

/// <summary>
/// The identity sandbox: issues and verifies signed test tokens shaped like One Login's identity claim
/// (<c>sub</c>, <c>vot</c> = level, short expiry). HS256 with a configured key stands in for ES256 and the DID document,
/// which the One Login adapter will use.
/// </summary>
public sealed class SandboxIdentityProvider(IOptions<PlatformOptions> options, TimeProvider clock) : IIdentityVerifier
{
    public const string Issuer = "https://identity.sandbox.serverless.local";
    public const string Audience = "serverless";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
    private readonly JsonWebTokenHandler _handler = new();

    public string Issue(string subject, string level, TimeSpan? lifetime = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("vot", level)]),
            IssuedAt = now,
            NotBefore = now.AddMinutes(-1),
            Expires = now + (lifetime ?? Lifetime),
            SigningCredentials = new SigningCredentials(SigningKey(), SecurityAlgorithms.HmacSha256),
        });
    }

    public async Task<IdentityVerification> VerifyAsync(string token, CancellationToken cancellationToken)
    {
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = SigningKey(),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            // Our clock, not the machine's: tests and the sandbox share one notion of "now".
            LifetimeValidator = (notBefore, expires, _, _) => IsCurrent(notBefore, expires),
        }).ConfigureAwait(false);
        if (!result.IsValid)
            return new IdentityVerification.Refused(result.Exception is SecurityTokenInvalidLifetimeException
                ? "The identity token has expired or is not yet valid." : "The identity token is not valid.");

        var subject = result.Claims.TryGetValue("sub", out var s) ? s as string : null;
        var level = result.Claims.TryGetValue("vot", out var v) ? v as string : null;
        if (string.IsNullOrEmpty(subject) || level is null || !IdentityLevels.IsKnown(level))
            return new IdentityVerification.Refused("The identity token has no subject or level of confidence.");
        return new IdentityVerification.Verified(subject, level);
    }

    private bool IsCurrent(DateTime? notBefore, DateTime? expires)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return expires is { } e && e > now && (notBefore is not { } nb || nb <= now);
    }

    private SymmetricSecurityKey SigningKey()
    {
        var key = options.Value.IdentitySandboxSigningKey;
        if (Encoding.UTF8.GetByteCount(key) < 32)
            throw new InvalidOperationException("Platforms:IdentitySandboxSigningKey must be at least 32 bytes.");
        return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key));
    }
}
