using System.Net;
using Microsoft.Extensions.Time.Testing;
using Serverless.Workflows.Identity;

namespace Serverless.Workflows.Tests.Identity;

/// <summary>The issuer's published keys: cached, fetched again for an unknown kid (a rotation), read from did.json or a JWKS.</summary>
public sealed class IdentityKeySetTests
{
    private static readonly Uri Url = new("https://identity.test/.well-known/did.json");

    private static string DidJson(string kid) => $$$"""
        {"@context":["https://www.w3.org/ns/did/v1"],"id":"did:web:identity.test",
         "assertionMethod":[{"type":"JsonWebKey","id":"{{{kid}}}","controller":"did:web:identity.test",
           "publicKeyJwk":{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","alg":"ES256"}}]}
        """;

    [Fact]
    public async Task Known_kid_is_served_from_the_cache_and_an_unknown_kid_fetches_the_keys_again()
    {
        var clock = new FakeTimeProvider();
        var published = "did:web:identity.test#key-1";
        var fetches = 0;
        using var keys = new IdentityKeySet(new Fetcher(() => { fetches++; return DidJson(published); }), clock);

        Assert.NotNull(await keys.FindAsync(Url, "did:web:identity.test#key-1", TimeSpan.FromHours(1), default));
        Assert.NotNull(await keys.FindAsync(Url, "did:web:identity.test#key-1", TimeSpan.FromHours(1), default));
        Assert.Equal(1, fetches);

        published = "did:web:identity.test#key-2"; // The issuer rotates its key.
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.NotNull(await keys.FindAsync(Url, "did:web:identity.test#key-2", TimeSpan.FromHours(1), default));
        Assert.Equal(2, fetches);

        // A made-up kid moments later does not make the issuer be asked again.
        Assert.Null(await keys.FindAsync(Url, "did:web:identity.test#made-up", TimeSpan.FromHours(1), default));
        Assert.Equal(2, fetches);
    }

    private sealed class Fetcher(Func<string> body) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(new Handler(body));

        private sealed class Handler(Func<string> body) : HttpMessageHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body()) });
        }
    }
}
