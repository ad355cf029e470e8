using System.Text.Json;
using Json.Schema;

namespace Serverless.Workflows.Definitions;

/// <summary>
/// service-definition.schema.json, the published shape of a definition file. The loader's serializer stops at the first
/// shape error; this lists every one, so a tool can report them all at once.
/// </summary>
public static class DefinitionShape
{
    public const string ResourceName = "service-definition.schema.json";

    private static readonly Lazy<JsonSchema> Schema = new(Build);

    /// <summary>The schema's JSON text, as published in the repository.</summary>
    public static string Text()
    {
        using var stream = typeof(DefinitionShape).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded in the engine");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Every place <paramref name="source"/> breaks the schema; empty when it conforms (or is not JSON at all).</summary>
    public static IReadOnlyList<DefinitionProblem> Check(DefinitionSource source)
    {
        JsonElement document;
        try
        {
            using var parsed = JsonDocument.Parse(source.Json);
            document = parsed.RootElement.Clone();
        }
        catch (JsonException)
        {
            return [];
        }

        var results = Schema.Value.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
            return [];

        return [.. (results.Details ?? [results])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Values.Select(message => new DefinitionProblem(source.Name, FieldOf(d.InstanceLocation.ToString()), message)))
            .Distinct()];
    }

    // The loader names fields with dots (decision_sla.clock); a JSON Pointer's escapes are undone first.
    private static string? FieldOf(string pointer) =>
        pointer.Length == 0 ? null
            : string.Join('.', pointer[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)));

    private static JsonSchema Build()
    {
        using var document = JsonDocument.Parse(Text());
        return JsonSchema.Build(document.RootElement.Clone(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }
}
