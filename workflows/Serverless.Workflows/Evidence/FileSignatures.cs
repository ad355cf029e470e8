using Serverless.Workflows.Definitions;

namespace Serverless.Workflows.Evidence;

/// <summary>Tells a file's type by its first bytes (its magic number): a client's Content-Type is only a claim.</summary>
public static class FileSignatures
{
    private static readonly (string Type, byte[] Magic)[] Known =
    [
        (EvidenceTypes.Pdf, "%PDF-"u8.ToArray()),
        (EvidenceTypes.Png, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        (EvidenceTypes.Jpeg, [0xFF, 0xD8, 0xFF]),
    ];

    /// <summary>The type the bytes are, or null if they are none of <see cref="EvidenceTypes.All"/>.</summary>
    public static string? Detect(ReadOnlySpan<byte> content)
    {
        foreach (var (type, magic) in Known)
        {
            if (content.StartsWith(magic))
                return type;
        }
        return null;
    }
}
