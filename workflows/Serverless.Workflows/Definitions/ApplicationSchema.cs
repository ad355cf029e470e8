using System.Text.Json;
using Json.Schema;

namespace Serverless.Workflows.Definitions;

/// <summary>A definition's compiled application schema: built once at load, then used for every submission.</summary>
internal sealed class ApplicationSchema
{
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

        try
        {
            // A registry of its own: two versions of a service may share an $id without colliding in the global one.
            var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
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

            var subschema = Subschema(node.SchemaLocation);
            var pointer = node.InstanceLocation.ToString();
            foreach (var keyword in node.Errors.Keys)
                errors.AddRange(ApplicationErrorMessages.For(keyword, pointer, subschema, application));
        }

        return new ApplicationValidation([.. errors.Distinct()]);
    }

    // The failing keyword's own schema, read from the location's fragment, so messages can quote the rule (never the value).
    private JsonElement? Subschema(Uri location)
    {
        var fragment = Uri.UnescapeDataString(location.Fragment.TrimStart('#'));
        return JsonPointerText.Resolve(document, fragment);
    }
}
