using System.Security.Cryptography;
using System.Text;

namespace Serverless.Workflows.Payments;

/// <summary>GOV.UK Pay's <c>Pay-Signature</c>: lower-case hex HMAC-SHA256 of the raw body, keyed with the signing secret.</summary>
public static class PayWebhookSignature
{
    public const string Header = "Pay-Signature";

    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static bool IsValid(ReadOnlySpan<byte> body, string? signature, string secret)
    {
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(secret))
            return false;
        var expected = Encoding.ASCII.GetBytes(Sign(body, secret));
        var actual = Encoding.ASCII.GetBytes(signature.Trim().ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
