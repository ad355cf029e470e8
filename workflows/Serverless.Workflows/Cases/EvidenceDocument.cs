using System.Text.Json.Serialization;

namespace Serverless.Workflows.Cases;

/// <summary>
/// A file the citizen attached (the bytes are in the document store under <see cref="Documents.EvidenceNames"/>). No
/// file name is kept: names are personal data and a department needs only the file.
/// </summary>
public sealed record EvidenceDocument(
    [property: JsonPropertyName("evidence_id")] string EvidenceId,
    [property: JsonPropertyName("content_type")] string ContentType,
    [property: JsonPropertyName("size_bytes")] long SizeBytes,
    [property: JsonPropertyName("sha256")] string Sha256);
