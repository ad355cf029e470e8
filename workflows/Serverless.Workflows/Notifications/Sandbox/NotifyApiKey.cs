using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Serverless.Workflows.Notifications.Sandbox;

/// <summary>
/// A Notify API key, <c>{key_name}-{service_id}-{secret}</c> (both ids UUIDs), and the check Notify makes of the token a
/// client signs with it: HS256, <c>iss</c> = the service id, <c>iat</c> within 30 seconds of now.
/// </summary>
public sealed record NotifyApiKey(string ServiceId, string Secret)
{
    private const int UuidLength = 36;
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public static NotifyApiKey? Parse(string key)
    {
        if (key.Length < 2 * UuidLength + 2 || key[^(UuidLength + 1)] != '-' || key[^(2 * UuidLength + 2)] != '-')
            return null;
        var serviceId = key[^(2 * UuidLength + 1)..^(UuidLength + 1)];
        var secret = key[^UuidLength..];
        return Guid.TryParse(serviceId, out _) && Guid.TryParse(secret, out _) ? new NotifyApiKey(serviceId, secret) : null;
    }

    /// <summary>The service the token is from, or why Notify would refuse it (its own wording, for the 403 body).</summary>
    public static (string? ServiceId, string? Error) Verify(string? authorization, IReadOnlyCollection<NotifyApiKey> keys, DateTimeOffset now)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            return (null, "Unauthorized: authentication token must be provided");
        var parts = authorization[scheme.Length..].Trim().Split('.');
        if (parts.Length != 3)
            return (null, "Invalid token: signature, api token is not valid");
        try
        {
            using var header = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(parts[0]));
            using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(parts[1]));
            if (!header.RootElement.TryGetProperty("alg", out var alg) || alg.GetString() != "HS256")
                return (null, "Invalid token: algorithm used is not HS256");
            if (!payload.RootElement.TryGetProperty("iss", out var iss) || iss.ValueKind != JsonValueKind.String)
                return (null, "Invalid token: iss field not provided");
            if (!payload.RootElement.TryGetProperty("iat", out var iat) || !iat.TryGetDouble(out var issuedAt))
                return (null, "Invalid token: iat field not provided");
            var serviceId = iss.GetString()!;
            var candidates = keys.Where(k => k.ServiceId == serviceId).ToList();
            if (candidates.Count == 0)
                return (null, "Invalid token: service not found");
            var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            var signature = Base64UrlEncoder.DecodeBytes(parts[2]);
            if (!candidates.Exists(k => CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(Encoding.UTF8.GetBytes(k.Secret), signed), signature)))
                return (null, "Invalid token: signature, api token not found");
            if (Math.Abs(now.ToUnixTimeSeconds() - issuedAt) > ClockSkew.TotalSeconds)
                return (null, "Error: Your system clock must be accurate to within 30 seconds");
            return (serviceId, null);
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
        {
            return (null, "Invalid token: signature, api token is not valid");
        }
    }
}
