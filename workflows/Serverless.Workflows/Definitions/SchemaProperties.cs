using System.Text.Json;

namespace Serverless.Workflows.Definitions;

/// <summary>Reads the <c>properties</c> tree of an application schema, to catch pointers to fields that do not exist.</summary>
internal static class SchemaProperties
{
    /// <summary>True when each segment names a property declared under the previous one's <c>properties</c>.</summary>
    public static bool IsDeclared(JsonElement schema, IReadOnlyList<string> segments)
    {
        var current = schema;
        foreach (var segment in segments)
        {
            if (current.ValueKind != JsonValueKind.Object ||
                !current.TryGetProperty("properties", out var properties) ||
                properties.ValueKind != JsonValueKind.Object ||
                !properties.TryGetProperty(segment, out current))
            {
                return false;
            }
        }

        return true;
    }
}
