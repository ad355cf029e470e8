using System.Security.Cryptography;

namespace Serverless.Workflows.Cases;

/// <summary>Case ids are unguessable (128 random bits); references are short for citizens to quote, not to authorise.</summary>
public static class CaseIds
{
    // Crockford base32: no I, L, O or U, so a reference read out over the phone is unambiguous.
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string NewCaseId() => "case-" + Encode(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    /// <summary>Whether text has the shape of a case id: anything else is answered 404 without touching the store.</summary>
    public static bool IsWellFormed(string? caseId) =>
        caseId is { Length: 31 } && caseId.StartsWith("case-", StringComparison.Ordinal) && caseId[5..].All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c));

    public static string NewReference(string serviceId)
    {
        var initials = string.Concat(serviceId.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0])));
        var code = Encode(RandomNumberGenerator.GetBytes(5));
        return $"{initials}-{code[..4]}-{code[4..8]}";
    }

    private static string Encode(byte[] bytes)
    {
        var chars = new List<char>(bytes.Length * 8 / 5 + 1);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                chars.Add(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0)
            chars.Add(Alphabet[(buffer << (5 - bits)) & 31]);
        return new string([.. chars]);
    }
}
