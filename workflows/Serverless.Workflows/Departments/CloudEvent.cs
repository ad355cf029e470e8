using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Serverless.Workflows.Departments;

/// <summary>A CloudEvents 1.0 message in the JSON structured format: what departments read and write on the queues.</summary>
public sealed record CloudEvent
{
    [JsonPropertyName("specversion")] public string SpecVersion { get; init; } = "1.0";

    /// <summary>Stable across retries of the step that sent it, so a department can drop duplicates.</summary>
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("source")] public required string Source { get; init; }

    /// <summary>Versioned: <c>uk.gov.serverless.case.submitted.v1</c>.</summary>
    [JsonPropertyName("type")] public required string Type { get; init; }

    /// <summary>The case id.</summary>
    [JsonPropertyName("subject")] public required string Subject { get; init; }
    [JsonPropertyName("time")] public required DateTimeOffset Time { get; init; }
    [JsonPropertyName("datacontenttype")] public string DataContentType { get; init; } = "application/json";
    [JsonPropertyName("dataschema")] public string? DataSchema { get; init; }
    [JsonPropertyName("data")] public required JsonObject Data { get; init; }

    public static JsonSerializerOptions SerializerOptions { get; } = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Letters of every script stay as UTF-8 (the default escapes all non-ASCII as \uXXXX, six bytes for Welsh 'ŵ'
        // instead of two, which can push a message past the queue's 64 KiB). HTML-sensitive and control characters
        // are still escaped: this encoder is the safe one, not UnsafeRelaxedJsonEscaping.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public string ToJson() => JsonSerializer.Serialize(this, SerializerOptions);
}
