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
        // Hierarchical, not List: only the tree says which failures made the application invalid. A failing "if" only
        // chooses "else", and a failing subschema under "not" is a pass, yet List output reports both as errors.
        var options = new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical, RequireFormatValidation = true };
        var results = schema.Evaluate(application, options);
        var errors = new List<ValidationError>();
        if (!results.IsValid)
            CollectFailures(results, application, errors);
        return new ApplicationValidation([.. errors.Distinct()]);
    }

    private void CollectFailures(EvaluationResults node, JsonElement application, List<ValidationError> errors)
    {
        var before = errors.Count;
        var pointer = node.InstanceLocation.ToString();
        if (node.Errors is { Count: > 0 })
        {
            var subschema = Subschema(node);
            foreach (var keyword in node.Errors.Keys)
                errors.AddRange(ApplicationErrorMessages.For(keyword, pointer, subschema, application));
        }

        var parentPath = node.EvaluationPath.ToString();
        foreach (var child in (node.Details ?? []).Where(c => !c.IsValid))
        {
            // Relative to the parent, so a property that happens to be called "if" is not mistaken for the keyword.
            var keyword = child.EvaluationPath.ToString()[parentPath.Length..];
            if (keyword is "/if" or "/not")
                continue;

            // Every alternative failed: listing each one's complaints would contradict the others.
            if (keyword.StartsWith("/anyOf/", StringComparison.Ordinal) || keyword.StartsWith("/oneOf/", StringComparison.Ordinal))
                errors.Add(new ValidationError(child.InstanceLocation.ToString(), "Does not match any of the allowed options."));
            else
                CollectFailures(child, application, errors);
        }

        // Some keywords (such as "not") fail their parent without an error of their own: still say where.
        if (errors.Count == before)
            errors.Add(new ValidationError(pointer, "Is not valid."));
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
