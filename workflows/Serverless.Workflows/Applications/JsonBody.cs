using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Serverless.Workflows.Api;

namespace Serverless.Workflows.Applications;

/// <summary>Reads a request body that must be one JSON object, within a size limit.</summary>
public static class JsonBody
{
    public const int MaxBytes = 256 * 1024;

    /// <summary>The body as a JSON object, or the problem to answer: 413 past <see cref="MaxBytes"/>, 400 if not a JSON object.</summary>
    public static async Task<(JsonObject? Body, IResult? Problem)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (await ReadBytesAsync(request, MaxBytes, cancellationToken).ConfigureAwait(false) is not { } bytes)
            return (null, Problems.TooLarge("The body", MaxBytes));
        try
        {
            return JsonNode.Parse(bytes) is JsonObject body
                ? (body, null)
                : (null, Problems.BadRequest("invalid-json", "The body must be a JSON object."));
        }
        catch (JsonException)
        {
            return (null, Problems.BadRequest("invalid-json", "The body is not valid JSON."));
        }
    }

    /// <summary>
    /// The raw body, or null if it is longer than <paramref name="maxBytes"/>. Content-Length is optional (a chunked
    /// request has none), so the body is read in a loop that stops one byte past the limit: nothing further is read.
    /// </summary>
    public static async Task<byte[]?> ReadBytesAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
            return null;
        using var buffer = new MemoryStream(capacity: (int)Math.Min(request.ContentLength ?? 0, maxBytes));
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, maxBytes + 1L - buffer.Length)), cancellationToken)
                .ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > maxBytes)
                    return null;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return buffer.ToArray();
    }

    /// <summary>SHA-256 of the body as parsed (insignificant whitespace ignored): what Idempotency-Key replays are compared by.</summary>
    public static string Hash(JsonObject body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body.ToJsonString())));
}
