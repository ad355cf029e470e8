using System.Text.Json;

namespace Serverless.Workflows.Definitions;

/// <summary>
/// Citizen-readable messages for failed schema keywords. They are built from the schema alone: the submitted value may be
/// personal data, and messages end up in logs and API responses.
/// </summary>
internal static class ApplicationErrorMessages
{
    public static IEnumerable<ValidationError> For(string keyword, string pointer, JsonElement? subschema, JsonElement application)
    {
        if (keyword == "required")
            return Required(pointer, subschema, application);
        return [new ValidationError(pointer, Message(keyword, subschema))];
    }

    // The library reports a missing field on its parent object; a form wants it on the field itself.
    private static List<ValidationError> Required(string pointer, JsonElement? subschema, JsonElement application)
    {
        var instance = JsonPointerText.Resolve(application, pointer);
        if (subschema is not { ValueKind: JsonValueKind.Object } schema ||
            !schema.TryGetProperty("required", out var required) || required.ValueKind != JsonValueKind.Array ||
            instance is not { ValueKind: JsonValueKind.Object } parent)
        {
            return [new ValidationError(pointer, "Some required fields are missing.")];
        }

        return required.EnumerateArray()
            .Select(name => name.GetString())
            .OfType<string>()
            .Where(name => !parent.TryGetProperty(name, out _))
            .Select(name => new ValidationError(JsonPointerText.Append(pointer, name), "This field is required."))
            .ToList();
    }

    private static string Message(string keyword, JsonElement? subschema)
    {
        string? Rule(string name) =>
            subschema is { ValueKind: JsonValueKind.Object } schema && schema.TryGetProperty(name, out var value)
                ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
                : null;

        return keyword switch
        {
            "type" => $"Must be {TypeName(subschema)}.",
            "format" => Rule("format") switch
            {
                "date" => "Must be a real date in the format YYYY-MM-DD.",
                "email" => "Must be an email address, like name@example.com.",
                "date-time" => "Must be a date and time, like 2026-01-31T09:30:00Z.",
                var format => $"Must be a valid {format}.",
            },
            "pattern" => Rule("description") is { } description
                ? $"Is not in the right format: {description}."
                : "Is not in the right format.",
            "enum" => $"Must be one of: {EnumValues(subschema)}.",
            "const" => $"Must be {Rule("const")}.",
            "minLength" => Rule("minLength") == "1" ? "Must not be empty." : $"Must be at least {Rule("minLength")} characters.",
            "maxLength" => $"Must be {Rule("maxLength")} characters or fewer.",
            "minimum" => $"Must be {Rule("minimum")} or more.",
            "maximum" => $"Must be {Rule("maximum")} or less.",
            "exclusiveMinimum" => $"Must be more than {Rule("exclusiveMinimum")}.",
            "exclusiveMaximum" => $"Must be less than {Rule("exclusiveMaximum")}.",
            "minItems" => $"Must have at least {Rule("minItems")} items.",
            "maxItems" => $"Must have {Rule("maxItems")} items or fewer.",
            "uniqueItems" => "Must not contain the same item twice.",
            // A false schema (additionalProperties: false) reports under an empty keyword.
            "" or "additionalProperties" or "unevaluatedProperties" => "Is not an expected field.",
            _ => "Is not valid.",
        };
    }

    private static string TypeName(JsonElement? subschema)
    {
        if (subschema is not { ValueKind: JsonValueKind.Object } schema || !schema.TryGetProperty("type", out var type))
            return "a different kind of value";

        IEnumerable<string?> names = type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString())
            : [type.GetString()];
        return string.Join(" or ", names.Select(name => name switch
        {
            "string" => "text",
            "integer" => "a whole number",
            "number" => "a number",
            "boolean" => "true or false",
            "array" => "a list",
            "object" => "a group of fields",
            "null" => "empty",
            _ => name,
        }));
    }

    private static string EnumValues(JsonElement? subschema) =>
        subschema is { ValueKind: JsonValueKind.Object } schema && schema.TryGetProperty("enum", out var values) &&
        values.ValueKind == JsonValueKind.Array
            ? string.Join(", ", values.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()))
            : "the listed values";
}
