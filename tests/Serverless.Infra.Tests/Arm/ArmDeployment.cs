namespace Serverless.Infra.Tests.Arm;

/// <summary>A resource as it would be deployed: copy loops expanded, values known before deployment evaluated.</summary>
/// <param name="Type">Resource type, e.g. Microsoft.Storage/storageAccounts/queueServices/queues.</param>
/// <param name="Name">Evaluated name (may hold opaque parts, e.g. a token from uniqueString()).</param>
/// <param name="Body">The evaluated resource; a nested deployment's template is left as it is.</param>
/// <param name="Deployment">Path of the (nested) deployment that declares it, e.g. "main/api".</param>
/// <param name="Condition">False when the resource's condition, or that of a module it is in, is known to be false for these parameters.</param>
internal sealed record ArmResource(string Type, string Name, JsonObject Body, string Deployment, bool Condition)
{
    public JsonNode? Properties => Body["properties"];

    /// <summary>The last segment of the name: a child resource's own name.</summary>
    public string ShortName => Name[(Name.LastIndexOf('/') + 1)..];

    public bool Is(string type) => string.Equals(Type, type, StringComparison.OrdinalIgnoreCase);
}

/// <summary>An output of the root template or of a nested deployment, evaluated.</summary>
internal sealed record ArmOutput(string Deployment, string Name, string Type, JsonNode? Value);

/// <summary>
/// Walks a compiled main.json and every nested deployment (Bicep modules are Microsoft.Resources/deployments with the
/// module's template inline under properties.template), with the values of one parameters file.
/// </summary>
internal sealed class ArmDeployment
{
    private const string DeploymentType = "Microsoft.Resources/deployments";
    private readonly List<ArmResource> _resources = [];
    private readonly List<ArmOutput> _outputs = [];

    private ArmDeployment()
    {
    }

    public IReadOnlyList<ArmResource> Resources => _resources;

    public IReadOnlyList<ArmOutput> Outputs => _outputs;

    public IEnumerable<ArmResource> OfType(string type) => _resources.Where(r => r.Is(type));

    /// <summary>The resources of a type that these parameters deploy (condition not false).</summary>
    public IEnumerable<ArmResource> Deployed(string type) => OfType(type).Where(r => r.Condition);

    public static ArmDeployment Evaluate(JsonObject template, JsonObject? parametersFile)
    {
        var values = new Dictionary<string, JsonNode?>();
        if (parametersFile?["parameters"] is JsonObject parameters)
            foreach (var (name, parameter) in parameters)
                values[name] = parameter?["value"]?.DeepClone();

        var deployment = new ArmDeployment();
        deployment.Walk(new ArmScope(template, values, "main"), deployed: true);
        return deployment;
    }

    /// <param name="deployed">False inside a module whose condition is false: nothing in it is deployed.</param>
    private void Walk(ArmScope scope, bool deployed)
    {
        var resources = scope.Template["resources"] switch
        {
            JsonArray array => array.OfType<JsonObject>(),
            JsonObject symbolic => symbolic.Select(p => p.Value).OfType<JsonObject>(),
            _ => [],
        };

        foreach (var resource in resources)
        {
            if (resource["copy"] is JsonObject copy)
            {
                var count = scope.Evaluate(copy["count"]);
                if (Opaque.Is(count))
                    throw new InvalidOperationException($"{scope.Path}: copy count of '{copy["name"]}' is not known before deployment");
                for (var i = 0; i < count!.GetValue<long>(); i++)
                    Visit(resource, scope.WithCopyIndex(copy["name"]!.GetValue<string>(), i), deployed);
            }
            else
            {
                Visit(resource, scope, deployed);
            }
        }

        if (scope.Template["outputs"] is JsonObject outputs)
            foreach (var (name, output) in outputs)
                _outputs.Add(new ArmOutput(scope.Path, name, output?["type"]?.GetValue<string>() ?? "",
                    scope.Evaluate(output?["value"])));
    }

    private void Visit(JsonObject resource, ArmScope scope, bool deployed)
    {
        if (resource["existing"] is JsonValue existing && existing.GetValue<bool>())
            return;

        var type = resource["type"]!.GetValue<string>();
        var nestedTemplate = type == DeploymentType ? resource["properties"]?["template"] as JsonObject : null;

        var body = new JsonObject();
        foreach (var (key, value) in resource)
        {
            if (key is "copy")
                continue;
            if (key is "properties" && nestedTemplate is not null)
            {
                // The nested template is evaluated in its own scope, below.
                var properties = new JsonObject();
                foreach (var (pKey, pValue) in value!.AsObject())
                    properties[pKey] = pKey == "template" ? pValue?.DeepClone() : scope.Evaluate(pValue);
                body[key] = properties;
                continue;
            }
            body[key] = scope.Evaluate(value);
        }

        var condition = deployed && (body["condition"] is not JsonValue c || Opaque.Is(c) || c.GetValue<bool>());
        var name = ArmExpression.Text(body["name"]);
        _resources.Add(new ArmResource(type, name, body, scope.Path, condition));

        if (nestedTemplate is null)
            return;

        var values = new Dictionary<string, JsonNode?>();
        if (body["properties"]?["parameters"] is JsonObject parameters)
            foreach (var (parameterName, parameter) in parameters)
                values[parameterName] = parameter?["value"]?.DeepClone();
        Walk(new ArmScope(nestedTemplate, values, $"{scope.Path}/{name}"), condition);
    }
}
