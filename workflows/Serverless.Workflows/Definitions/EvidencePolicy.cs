using System.Text.Json.Serialization;

namespace Serverless.Workflows.Definitions;

/// <summary>
/// Whether a service takes evidence files, and which. The application lists the files it attaches, by the ids the
/// upload endpoint returned, in a top-level <c>evidence</c> array that its schema must declare.
/// </summary>
public sealed record EvidencePolicy
{
    [JsonPropertyName("max_files")] public required int MaxFiles { get; init; }
    [JsonPropertyName("max_bytes_per_file")] public required int MaxBytesPerFile { get; init; }

    /// <summary>Any of <see cref="EvidenceTypes.All"/>. A file's type is told by its first bytes, not by what the client says.</summary>
    [JsonPropertyName("allowed_types")] public required IReadOnlyList<string> AllowedTypes { get; init; }
}

public static class EvidenceTypes
{
    public const string Pdf = "application/pdf";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";

    public static IReadOnlyList<string> All { get; } = [Pdf, Jpeg, Png];

    /// <summary>The application's field that lists evidence ids.</summary>
    public const string ApplicationField = "evidence";

    /// <summary>
    /// Files are read into memory and stored in one request; larger files need a streamed upload. Ten evidence links
    /// also keep a hand-off message far below the queue's 64 KiB.
    /// </summary>
    public const int LargestFileBytes = 10 * 1024 * 1024;
    public const int MostFiles = 10;
}

/// <summary>Limits a loader can trust: positive, within what the upload path handles, known types, and a schema that takes the ids.</summary>
internal static class EvidenceRules
{
    public static void Check(ServiceDefinition definition, ProblemList problems)
    {
        if (definition.Evidence is not { } evidence)
            return;
        if (evidence.MaxFiles is < 1 or > EvidenceTypes.MostFiles)
            problems.Add("evidence.max_files", $"must be 1 to {EvidenceTypes.MostFiles}");
        if (evidence.MaxBytesPerFile is < 1 or > EvidenceTypes.LargestFileBytes)
            problems.Add("evidence.max_bytes_per_file", $"must be 1 to {EvidenceTypes.LargestFileBytes} bytes");
        if (evidence.AllowedTypes.Count == 0)
            problems.Add("evidence.allowed_types", $"name at least one of {string.Join(", ", EvidenceTypes.All)}");
        foreach (var type in evidence.AllowedTypes.Where(t => !EvidenceTypes.All.Contains(t, StringComparer.Ordinal)))
            problems.Add("evidence.allowed_types", $"'{type}' is not supported: use {string.Join(", ", EvidenceTypes.All)}");
        if (!SchemaProperties.IsDeclared(definition.ApplicationSchema, [EvidenceTypes.ApplicationField]))
            problems.Add("application_schema", "a service that takes evidence must declare a top-level 'evidence' property (an array of evidence ids)");
    }
}
