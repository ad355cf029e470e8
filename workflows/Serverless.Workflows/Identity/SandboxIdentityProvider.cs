using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Serverless.Workflows.Configuration;

namespace Serverless.Workflows.Identity;

/// <summary>
/// The identity sandbox: mints core identity JWTs shaped like One Login's (ES256, <c>sub</c>, <c>vot</c>, <c>vtm</c>, short
/// expiry) at any level, and publishes its public key as a JWKS for <see cref="OneLoginIdentityVerifier"/> to fetch.
/// The P-256 key is derived from <c>Platforms:IdentitySandboxSigningKey</c>, so tokens survive a restart of the host.
/// Minting is served only in sandbox mode (<see cref="Api.SandboxHttpApi"/>).
/// </summary>
public sealed class SandboxIdentityProvider(IOptions<PlatformOptions> options, TimeProvider clock)
{
    public const string Issuer = "https://identity.sandbox.serverless.local";
    public const string Audience = "serverless";
    public const string CoreIdentityClaim = "https://vocab.account.gov.uk/v1/coreIdentityJWT";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
    private readonly JsonWebTokenHandler _handler = new();
    private readonly Lazy<(ECDsa Key, string Kid)> _key = new(() => DeriveKey(options.Value.IdentitySandboxSigningKey));

    /// <param name="lifetime">Negative for a token that has already expired (tests of refusal).</param>
    /// <param name="audience">Another client id, for tests of refusal.</param>
    public string Issue(string subject, string level, TimeSpan? lifetime = null, string? audience = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = now + (lifetime ?? Lifetime);
        var (key, kid) = _key.Value;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience ?? Audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("vot", level), new Claim("vtm", Issuer + "/trustmark")]),
            IssuedAt = expires < now ? expires.AddMinutes(-2) : now,
            NotBefore = expires < now ? expires.AddMinutes(-1) : now.AddMinutes(-1),
            Expires = expires,
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(key) { KeyId = kid }, SecurityAlgorithms.EcdsaSha256),
        });
    }

    /// <summary>The public key as a JWKS, as One Login publishes its keys (there in did.json).</summary>
    public JsonObject Jwks()
    {
        var (key, kid) = _key.Value;
        var q = key.ExportParameters(false).Q;
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "EC", ["crv"] = "P-256", ["use"] = "sig", ["alg"] = "ES256", ["kid"] = kid,
                ["x"] = Base64UrlEncoder.Encode(q.X), ["y"] = Base64UrlEncoder.Encode(q.Y),
            }),
        };
    }

    private static (ECDsa, string) DeriveKey(string secret)
    {
        if (Encoding.UTF8.GetByteCount(secret) < 32)
            throw new InvalidOperationException("Platforms:IdentitySandboxSigningKey must be at least 32 bytes.");
        // A SHA-256 digest is a valid P-256 private scalar but for a negligible fraction of values; .NET derives the public point.
        var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = SHA256.HashData(Encoding.UTF8.GetBytes(secret)) });
        var q = key.ExportParameters(false).Q;
        return (key, Convert.ToHexStringLower(SHA256.HashData([.. q.X!, .. q.Y!])));
    }
}
