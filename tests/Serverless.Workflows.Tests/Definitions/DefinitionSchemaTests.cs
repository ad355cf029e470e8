using System.Reflection;
using System.Text.Json.Serialization;
using static Serverless.Workflows.Tests.Definitions.DefinitionFiles;

namespace Serverless.Workflows.Tests.Definitions;

/// <summary>Keeps service-definition.schema.json (what editors check) in step with the loader and the C# model.</summary>
public class DefinitionSchemaTests
{
    private static readonly JsonObject Schema = JsonNode.Parse(DefinitionShape.Text())!.AsObject();

    [Theory]
    [InlineData(FishingV1)]
    [InlineData(FishingV2)]
    [InlineData(BlueBadgeV1)]
    [InlineData(BlueBadgeV2)]
    public void Shipped_definition_conforms_to_the_published_schema(string file)
    {
        Assert.Empty(DefinitionShape.Check(Shipped(file)));
    }

    [Theory]
    [InlineData(FishingV1)]
    [InlineData(BlueBadgeV2)]
    public void Shipped_definition_names_the_schema_by_a_path_that_resolves_to_it(string file)
    {
        var named = Edit(file)["$schema"]!.GetValue<string>();

        var resolved = new Uri(new Uri("file:///root/" + file), named);

        Assert.Equal("file:///root/" + DefinitionShape.ResourceName, resolved.ToString());
    }

    public static TheoryData<string, string> StructuralBreakages() => new()
    {
        { "misspelt property", """{"refund_on_rejecton": false}""" },
        { "misspelt nested property", """{"decision_sla": {"clock": "calendar", "decide_within": "P10D", "remind_after": "P7D", "remind_before": "P1D"}}""" },
        { "service id not a slug", """{"service_id": "Rod_Fishing"}""" },
        { "version zero", """{"version": 0}""" },
        { "blank name", """{"name": " "}""" },
        { "null name", """{"name": null}""" },
        { "fee as text", """{"fee_pence": "3000"}""" },
        { "fee of zero", """{"fee_pence": 0}""" },
        { "identity level P3", """{"identity_level": "P3"}""" },
        { "department id not hyphenated", """{"department": {"id": "EA", "name": "Environment Agency", "queue": "environment-agency-cases"}}""" },
        { "queue with underscore", """{"department": {"id": "environment-agency", "name": "Environment Agency", "queue": "environment_agency"}}""" },
        { "queue with double hyphen", """{"department": {"id": "environment-agency", "name": "Environment Agency", "queue": "environment--agency"}}""" },
        { "queue too short", """{"department": {"id": "environment-agency", "name": "Environment Agency", "queue": "ab"}}""" },
        { "decisions queue", """{"department": {"id": "environment-agency", "name": "Environment Agency", "queue": "decisions"}}""" },
        { "poison queue", """{"department": {"id": "environment-agency", "name": "Environment Agency", "queue": "environment-agency-cases-poison"}}""" },
        { "notify account not a credential name", """{"accounts": {"pay": "environment-agency", "notify": "Environment Agency"}}""" },
        { "unknown sla clock", """{"decision_sla": {"clock": "business_days", "decide_within": "P10D", "remind_after": "P7D"}}""" },
        { "malformed duration", """{"decision_sla": {"clock": "calendar", "decide_within": "P10X", "remind_after": "P7D"}}""" },
        { "duration in years", """{"retention": {"delete_application_data_after": "P1Y"}}""" },
        { "unknown channel", """{"notifications": {"received": {"channel": "letter", "template_id": "6057ea4b-ce09-47e7-a952-5e3c88a48f45", "recipient": "/contact/email"}}}""" },
        { "template id not a guid", """{"notifications": {"received": {"channel": "email", "template_id": "received", "recipient": "/contact/email"}}}""" },
        { "recipient not a pointer", """{"notifications": {"received": {"channel": "email", "template_id": "6057ea4b-ce09-47e7-a952-5e3c88a48f45", "recipient": "contact.email"}}}""" },
        { "personalisation neither pointer nor case field", """{"notifications": {"received": {"channel": "email", "template_id": "6057ea4b-ce09-47e7-a952-5e3c88a48f45", "recipient": "/contact/email", "personalisation": {"reference": "case.refrence"}}}}""" },
        { "misspelt milestone", """{"notifications": {"aproved": null}}""" },
        { "null template", """{"notifications": {"approved": null}}""" },
        { "application schema not an object", """{"application_schema": {"type": "array"}}""" },
        { "application schema of another draft", """{"application_schema": {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object"}}""" },
        { "too many evidence files", """{"evidence": {"max_files": 11, "max_bytes_per_file": 1000, "allowed_types": ["application/pdf"]}}""" },
        { "unsupported evidence type", """{"evidence": {"max_files": 1, "max_bytes_per_file": 1000, "allowed_types": ["text/html"]}}""" },
    };

    [Theory]
    [MemberData(nameof(StructuralBreakages))]
    public void Structural_breakage_is_refused_by_both_schema_and_loader(string breakage, string merge)
    {
        var definition = Edit(FishingV1);
        Merge(definition, JsonNode.Parse(merge)!.AsObject());
        var source = new DefinitionSource(FishingV1, definition.ToJsonString());

        Assert.True(DefinitionShape.Check(source).Count > 0, $"The schema accepts a definition with {breakage}");
        Assert.Throws<DefinitionException>(() => DefinitionCatalog.FromSources([source]));
    }

    [Theory]
    [InlineData("retention")]
    [InlineData("accounts.pay")]
    [InlineData("notifications.payment_requested")]
    public void Missing_required_property_is_refused_by_both_schema_and_loader(string field)
    {
        var definition = Edit(FishingV1);
        var path = field.Split('.');
        var parent = path[..^1].Aggregate(definition, (node, name) => node[name]!.AsObject());
        parent.Remove(path[^1]);
        var source = new DefinitionSource(FishingV1, definition.ToJsonString());

        Assert.NotEmpty(DefinitionShape.Check(source));
        Assert.Throws<DefinitionException>(() => DefinitionCatalog.FromSources([source]));
    }

    [Fact]
    public void Schema_and_model_name_the_same_properties_at_every_level()
    {
        var mismatches = new List<string>();
        CompareProperties(typeof(ServiceDefinition), Schema, "(root)", mismatches);

        Assert.Empty(mismatches);
    }

    [Fact]
    public void Schema_names_every_milestone_and_only_milestones()
    {
        var notifications = Schema["properties"]!["notifications"]!["properties"]!.AsObject();

        Assert.Equal(Milestones.All.Order(), notifications.Select(p => p.Key).Order());
    }

    // Replaces leaves and merges objects, so a test can state only the part it breaks.
    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch.ToList())
        {
            if (value is JsonObject inner && target[name] is JsonObject existing)
                Merge(existing, inner);
            else
                target[name] = value?.DeepClone();
        }
    }

    private static void CompareProperties(Type model, JsonObject schemaNode, string where, List<string> mismatches)
    {
        var bound = model.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonPropertyNameAttribute>() is not null)
            .ToDictionary(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name);
        var declared = schemaNode["properties"]!.AsObject();

        mismatches.AddRange(bound.Keys.Except(declared.Select(p => p.Key)).Select(n => $"{where}: the model binds '{n}', the schema does not declare it"));
        mismatches.AddRange(declared.Select(p => p.Key).Except(bound.Keys).Select(n => $"{where}: the schema declares '{n}', the model does not bind it"));

        foreach (var (name, property) in bound.Where(b => declared.ContainsKey(b.Key)))
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsModelRecord(type))
                CompareProperties(type, ObjectSchema(declared[name]!.AsObject()), $"{where}.{name}", mismatches);
            else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) && IsModelRecord(type.GetGenericArguments()[1]))
            {
                foreach (var (key, entry) in declared[name]!["properties"]!.AsObject())
                    CompareProperties(type.GetGenericArguments()[1], ObjectSchema(entry!.AsObject()), $"{where}.{name}.{key}", mismatches);
            }
        }
    }

    private static bool IsModelRecord(Type type) => type.Namespace == typeof(ServiceDefinition).Namespace && type.IsClass && type != typeof(string);

    // Follows "$ref" into $defs and picks the object branch of an "anyOf" with null.
    private static JsonObject ObjectSchema(JsonObject node)
    {
        if (node["$ref"]?.GetValue<string>() is { } reference)
            return ObjectSchema(Schema["$defs"]![reference["#/$defs/".Length..]]!.AsObject());
        if (node["anyOf"] is JsonArray options)
            return ObjectSchema(options.Select(o => o!.AsObject()).Single(o => o.ContainsKey("properties") || o.ContainsKey("$ref")));
        return node;
    }
}
