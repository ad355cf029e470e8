using System.Security.Cryptography;
using System.Text;

namespace Serverless.Workflows.Documents;

/// <summary>Names in the document store, and the ids the API shows for them. Ids are random: nothing about the file or the citizen.</summary>
public static class EvidenceNames
{
    public static string NewEvidenceId() => "ev-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool IsWellFormed(string? evidenceId) =>
        evidenceId is { Length: 35 } && evidenceId.StartsWith("ev-", StringComparison.Ordinal) && evidenceId[3..].All(char.IsAsciiHexDigitLower);

    public const string EvidencePrefix = "evidence/";

    public static string EvidenceBlob(string evidenceId) => EvidencePrefix + evidenceId;

    /// <summary>A case's application stored for a claim check.</summary>
    public static string ApplicationBlob(string caseId) => $"cases/{caseId}/application.json";

    /// <summary>Who uploaded a file, as blob metadata: a hash of the identity subject, never the subject itself.</summary>
    public static string SubjectHash(string subject) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject)));

    public const string SubjectMetadata = "subject_sha256";
    public const string ServiceMetadata = "service_id";
    public const string Sha256Metadata = "sha256";

    /// <summary>The case a file is attached to, set by the submission before it creates the case.</summary>
    public const string AttachedCaseMetadata = "attached_case";
}
