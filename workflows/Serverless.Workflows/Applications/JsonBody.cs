using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Serverless.Workflows.Applications;

/// <summary>Reads a request body that must be one JSON object, within a size limit.</summary>
public static class JsonBody
{
    public const int MaxBytes = 256 * 1024;

    public static async Task<(JsonObject? Body, string? Error)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (await ReadBytesAsync(request, MaxBytes, cancellationToken).ConfigureAwait(false) is not { } bytes)
            return (null, $"The body is larger than {MaxBytes / 1024} KiB.");
        try
        {
            return JsonNode.Parse(bytes) is JsonObject body
                ? (body, null)
                : (null, "The body must be a JSON object.");
        }
        catch (JsonException)
        {
            return (null, "The body is not valid JSON.");
        }
    }

    /// <summary>The raw body, or null if it is longer than <paramref name="maxBytes"/> (nothing past the limit is read).</summary>
    public static async Task<byte[]?> ReadBytesAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
            return null;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.Length > maxBytes ? null : buffer.ToArray();
    }

    /// <summary>SHA-256 of the body as parsed (insignificant whitespace ignored): what Idempotency-Key replays are compared by.</summary>
    public static string Hash(JsonObject body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body.ToJsonString())));
}
