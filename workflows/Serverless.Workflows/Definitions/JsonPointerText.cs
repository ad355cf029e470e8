using System.Globalization;
using System.Text.Json;

namespace Serverless.Workflows.Definitions;

/// <summary>RFC 6901 JSON Pointers as text: <c>/contact/email</c>, with <c>~1</c> for '/' and <c>~0</c> for '~'.</summary>
internal static class JsonPointerText
{
    /// <summary>Splits a pointer to a field into its unescaped segments; false for the root, an empty segment or a bad escape.</summary>
    public static bool TryParseField(string? pointer, out IReadOnlyList<string> segments)
    {
        segments = [];
        if (string.IsNullOrEmpty(pointer) || pointer[0] != '/')
            return false;

        var parts = pointer[1..].Split('/');
        var result = new List<string>(parts.Length);
        foreach (var part in parts)
        {
            if (part.Length == 0 || !TryUnescape(part, out var segment))
                return false;
            result.Add(segment);
        }

        segments = result;
        return true;
    }

    /// <summary>The element a pointer names inside <paramref name="root"/> ("" is the root itself), or null when there is none.</summary>
    public static JsonElement? Resolve(JsonElement root, string pointer)
    {
        if (pointer.Length == 0)
            return root;
        if (!TryParseField(pointer, out var segments))
            return null;

        var current = root;
        foreach (var segment in segments)
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var next))
                current = next;
            else if (current.ValueKind == JsonValueKind.Array &&
                     int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) &&
                     index < current.GetArrayLength())
                current = current[index];
            else
                return null;
        }

        return current;
    }

    public static string Append(string pointer, string segment) =>
        pointer + "/" + segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static bool TryUnescape(string part, out string segment)
    {
        segment = part;
        for (var i = part.IndexOf('~', StringComparison.Ordinal); i >= 0; i = part.IndexOf('~', i + 1))
        {
            if (i + 1 >= part.Length || (part[i + 1] != '0' && part[i + 1] != '1'))
                return false;
        }

        // Order matters: "~01" is "~1" literally, so ~1 is decoded before ~0.
        segment = part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
        return true;
    }
}
