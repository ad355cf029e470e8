using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace Serverless.Workflows.Identity;

/// <summary>
/// The identity issuer's public signing keys, by <c>kid</c>, fetched from its <c>did.json</c> (<c>assertionMethod[].publicKeyJwk</c>,
/// the kid being the method's <c>id</c>) or a JWKS (<c>keys[]</c>). Cached; an unknown kid fetches again (at most every
/// few seconds, so a flood of made-up kids cannot hammer the issuer), which is how a key rotation is picked up.
/// </summary>
public sealed class IdentityKeySet(IHttpClientFactory http, TimeProvider clock) : IDisposable
{
    public const string HttpClientName = "identity-keys";
    private static readonly TimeSpan MinRefreshInterval = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private FrozenDictionary<string, SecurityKey> _keys = FrozenDictionary<string, SecurityKey>.Empty;
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;

    public async Task<SecurityKey?> FindAsync(Uri keysUrl, string? kid, TimeSpan cacheFor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(kid))
            return null;
        if (clock.GetUtcNow() - _fetchedAt < cacheFor && _keys.TryGetValue(kid, out var cached))
            return cached;

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (clock.GetUtcNow() - _fetchedAt >= MinRefreshInterval || _fetchedAt == DateTimeOffset.MinValue)
            {
                var document = JsonNode.Parse(await http.CreateClient(HttpClientName).GetStringAsync(keysUrl, cancellationToken).ConfigureAwait(false));
                _keys = Parse(document).ToFrozenDictionary(StringComparer.Ordinal);
                _fetchedAt = clock.GetUtcNow();
            }
        }
        finally
        {
            _refresh.Release();
        }
        return _keys.GetValueOrDefault(kid);
    }

    public void Dispose() => _refresh.Dispose();

    private static IEnumerable<KeyValuePair<string, SecurityKey>> Parse(JsonNode? document)
    {
        foreach (var key in document?["keys"]?.AsArray() ?? [])
            if ((string?)key?["kid"] is { } kid)
                yield return new(kid, new JsonWebKey(key!.ToJsonString()));
        foreach (var method in document?["assertionMethod"]?.AsArray() ?? [])
            if ((string?)method?["id"] is { } id && method!["publicKeyJwk"] is JsonObject jwk)
                yield return new(id, new JsonWebKey(jwk.ToJsonString()) { KeyId = id });
    }
}
