using System.Text.Json;

namespace Serverless.Workflows.Definitions;

/// <summary>
/// service-definition.schema.json, the published shape of a definition file. The loader's serializer stops at the first
/// shape error; this lists every one, so a tool can report them all at once.
/// </summary>
public static class DefinitionShape
{
    public const string ResourceName = "service-definition.schema.json";

    private static readonly Lazy<ApplicationSchema> Schema = new(Build);

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

        return [.. Schema.Value.Validate(document).Errors
            .Select(e => new DefinitionProblem(source.Name, FieldOf(e.Pointer), e.Message))
            .Distinct()];
    }

    // The loader names fields with dots (decision_sla.clock); a JSON Pointer's escapes are undone first.
    private static string? FieldOf(string pointer) =>
        pointer.Length == 0 ? null
            : string.Join('.', pointer[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)));

    // Compiled as an application schema is: the same strict 2020-12 dialect, and the same plain messages.
    private static ApplicationSchema Build()
    {
        using var document = JsonDocument.Parse(Text());
        var problems = new ProblemList(ResourceName);
        return ApplicationSchema.Compile(document.RootElement.Clone(), problems)
            ?? throw new InvalidOperationException(string.Join(Environment.NewLine, problems.Items));
    }
}
