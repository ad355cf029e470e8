using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Identity;

namespace Serverless.Integration.Tests.EndToEnd;

/// <summary>
/// GOV.UK One Login's core identity JWT, verified by the live adapter against the identity sandbox's published keys over
/// HTTP: a token that fails any check is refused with a 4xx problem, and nothing of the application is stored.
/// </summary>
[Collection(SelfHostCollection.Name)]
public sealed class IdentityEndToEndTests(SelfHostFixture host)
{
    private const string BlueBadge = "blue-badge"; // Needs P2.

    public static TheoryData<string, int> Refusals() => new()
    {
        { "expired", 401 },
        { "wrong-audience", 401 },
        { "wrongly-signed", 401 },
        { "unknown-key", 401 },
        { "too-low-level", 403 },
        { "other-subject", 401 },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Identity_token_that_fails_a_check_is_refused_and_nothing_is_stored(string fault, int expected)
    {
        var subject = "identity-citizen-" + Guid.NewGuid().ToString("N")[..8];
        var token = fault switch
        {
            "expired" => await MintAsync(new { subject, level = "P2", expires_in_seconds = -60 }),
            "wrong-audience" => await MintAsync(new { subject, level = "P2", audience = "another-service" }),
            "wrongly-signed" => SignedByAnotherKey(subject, await SandboxKidAsync()),
            "unknown-key" => SignedByAnotherKey(subject, "not-a-published-kid"),
            "too-low-level" => await MintAsync(new { subject, level = "P1" }),
            "other-subject" => await MintAsync(new { subject = subject + "-someone-else", level = "P2" }),
            _ => throw new ArgumentOutOfRangeException(nameof(fault)),
        };
        var key = "identity-" + Guid.NewGuid().ToString("N");

        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/services/{BlueBadge}/applications")
        {
            Content = JsonContent.Create(ExampleApplications.For(BlueBadge)),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Citizen-Subject", subject);
        request.Headers.Add("Idempotency-Key", key);
        using var response = await host.Http.SendAsync(request);

        Assert.Equal(expected, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("none", await host.FindCaseIdByKeyAsync(BlueBadge, key)); // The key was never claimed: no case exists.
    }

    [Fact]
    public async Task Identity_sandbox_publishes_an_ES256_key_and_its_tokens_are_accepted()
    {
        var jwks = await host.Http.GetFromJsonAsync<JsonObject>("api/" + IdentityRoutes.SandboxKeys);
        Assert.Equal("ES256", (string?)jwks!["keys"]![0]!["alg"]);

        var token = await host.CitizenTokenAsync("accepted-citizen", "P2");
        using var response = await host.SendAsync(HttpMethod.Post, $"api/v1/services/{BlueBadge}/applications", token, ExampleApplications.For(BlueBadge));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("ES256", new JsonWebToken(token).Alg);
    }

    private async Task<string> MintAsync(object request)
    {
        using var response = await host.Http.PostAsJsonAsync("api/sandbox/identity/tokens", request);
        response.EnsureSuccessStatusCode();
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!;
    }

    private async Task<string> SandboxKidAsync() =>
        (string)(await host.Http.GetFromJsonAsync<JsonObject>("api/" + IdentityRoutes.SandboxKeys))!["keys"]![0]!["kid"]!;

    /// <summary>A token like the sandbox's in every claim, signed with a key the issuer never published.</summary>
    private static string SignedByAnotherKey(string subject, string kid)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = SandboxIdentityProvider.Issuer,
            Audience = SandboxIdentityProvider.Audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("vot", "P2")]),
            IssuedAt = now, NotBefore = now.AddMinutes(-1), Expires = now.AddMinutes(30),
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(key) { KeyId = kid }, SecurityAlgorithms.EcdsaSha256),
        });
    }
}
