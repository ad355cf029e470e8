using System.Text.Json;
using Json.Schema;

namespace Serverless.Workflows.Definitions;

/// <summary>A definition's compiled application schema: built once at load, then used for every submission.</summary>
internal sealed class ApplicationSchema
{
    private const string Draft202012Id = "https://json-schema.org/draft/2020-12/schema";

    /// <summary>JSON Schema 2020-12, except that an unknown keyword (a typo such as "maxLenght") fails the build instead of being ignored.</summary>
    private static readonly Dialect Strict202012 =
        Dialect.Draft202012.With([], Dialect.Draft202012.Id, refIgnoresSiblingKeywords: null, allowUnknownKeywords: false);

    private readonly JsonSchema schema;
    private readonly JsonElement document;

    private ApplicationSchema(JsonSchema schema, JsonElement document)
    {
        this.schema = schema;
        this.document = document;
    }

    /// <summary>Compiles the schema, adding a problem on <c>application_schema</c> when it cannot serve as one.</summary>
    public static ApplicationSchema? Compile(JsonElement document, ProblemList problems)
    {
        if (document.ValueKind != JsonValueKind.Object)
        {
            problems.Add("application_schema", "must be a JSON Schema object");
            return null;
        }

        if (!document.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "object")
            problems.Add("application_schema", "the root must have \"type\": \"object\": an application is a set of named fields");

        if (document.TryGetProperty("$schema", out var dialect) && (dialect.ValueKind != JsonValueKind.String || dialect.GetString() != Draft202012Id))
            problems.Add("application_schema", $"\"$schema\" must be {Draft202012Id} (or left out)");

        try
        {
            // Registries of its own: two versions of a service may share an $id without colliding in the global one, and
            // the strict dialect replaces the official 2020-12 one only here.
            var dialects = new DialectRegistry();
            dialects.Register(Strict202012);
            var options = new BuildOptions { SchemaRegistry = new SchemaRegistry(), DialectRegistry = dialects, Dialect = Strict202012 };
            return new ApplicationSchema(JsonSchema.Build(document, options), document.Clone());
        }
        catch (Exception ex) when (ex is JsonSchemaException or RefResolutionException or JsonException or ArgumentException)
        {
            problems.Add("application_schema", $"does not compile as a JSON Schema: {ex.Message}");
            return null;
        }
    }

    public ApplicationValidation Validate(JsonElement application)
    {
        var options = new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
        var results = schema.Evaluate(application, options);
        if (results.IsValid)
            return new ApplicationValidation([]);

        var errors = new List<ValidationError>();
        foreach (var node in (IEnumerable<EvaluationResults>)[results, .. results.Details ?? []])
        {
            if (node.Errors is null)
                continue;

            var subschema = Subschema(node);
            var pointer = node.InstanceLocation.ToString();
            foreach (var keyword in node.Errors.Keys)
                errors.AddRange(ApplicationErrorMessages.For(keyword, pointer, subschema, application));
        }

        return new ApplicationValidation([.. errors.Distinct()]);
    }

    // The failing keyword's own schema, so messages can quote the rule (never the value). The schema location is tried
    // first; JsonSchema.Net 8 reports "then" and "else" with a stray trailing segment, where the evaluation path (the same
    // document path when no $ref was crossed) still finds it.
    private JsonElement? Subschema(EvaluationResults node)
    {
        var fragment = Uri.UnescapeDataString(node.SchemaLocation.Fragment.TrimStart('#'));
        return ObjectAt(fragment) ?? ObjectAt(node.EvaluationPath.ToString());
    }

    private JsonElement? ObjectAt(string pointer) =>
        JsonPointerText.Resolve(document, pointer) is { ValueKind: JsonValueKind.Object } found ? found : null;
}
