using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.Workflows.Definitions;

/// <summary>How definition files are read: strictly, so a typo fails startup instead of silently becoming a default.</summary>
internal static class DefinitionJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        AllowDuplicateProperties = false,
    };

    /// <summary>Turns a serializer path (<c>$.decision_sla.clock</c>) into a field name (<c>decision_sla.clock</c>).</summary>
    public static string? FieldFromPath(string? path) =>
        path switch
        {
            null or "$" => null,
            _ when path.StartsWith("$.", StringComparison.Ordinal) => path[2..],
            _ => path.TrimStart('$'),
        };

    /// <summary>The serializer's reason without its path and position suffix (the field is reported apart), plus the line.</summary>
    public static string Describe(JsonException ex)
    {
        var message = ex.Message;
        var suffix = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (suffix >= 0)
            message = message[..suffix];
        return ex.LineNumber is { } line ? $"{message} (line {line + 1})" : message;
    }
}
