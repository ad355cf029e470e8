namespace Serverless.Infra.Tests.Arm;

/// <summary>
/// One template's evaluation context: its parameter values (from the parent deployment or a parameters file, else the
/// defaults), its variables, and the copy loop indexes in force.
/// </summary>
internal sealed class ArmScope
{
    private readonly IReadOnlyDictionary<string, JsonNode?> _parameterValues;
    private readonly IReadOnlyDictionary<string, int> _copyIndexes;
    private readonly Dictionary<string, JsonNode?> _variables;

    public ArmScope(JsonObject template, IReadOnlyDictionary<string, JsonNode?> parameterValues, string path)
        : this(template, parameterValues, path, new Dictionary<string, int>(), [])
    {
    }

    private ArmScope(JsonObject template, IReadOnlyDictionary<string, JsonNode?> parameterValues, string path,
        IReadOnlyDictionary<string, int> copyIndexes, Dictionary<string, JsonNode?> variables)
    {
        Template = template;
        Path = path;
        _parameterValues = parameterValues;
        _copyIndexes = copyIndexes;
        _variables = variables;
    }

    public JsonObject Template { get; }

    /// <summary>Deployment path from the root, e.g. "main/api".</summary>
    public string Path { get; }

    public ArmScope WithCopyIndex(string loop, int index)
    {
        var indexes = new Dictionary<string, int>(_copyIndexes) { [loop] = index, [""] = index };
        return new ArmScope(Template, _parameterValues, Path, indexes, _variables);
    }

    public JsonNode? Parameter(string name)
    {
        if (_parameterValues.TryGetValue(name, out var value))
            return value?.DeepClone();
        var declaration = Template["parameters"]?[name]
            ?? throw new InvalidOperationException($"{Path}: parameter '{name}' is not declared");
        return declaration is JsonObject obj && obj.TryGetPropertyValue("defaultValue", out var defaultValue)
            ? Evaluate(defaultValue)
            : Opaque.Of($"parameters('{name}')");
    }

    public JsonNode? Variable(string name)
    {
        if (!_variables.TryGetValue(name, out var value))
        {
            var declaration = Template["variables"] is JsonObject variables && variables.TryGetPropertyValue(name, out var v)
                ? v
                : throw new InvalidOperationException($"{Path}: variable '{name}' is not declared");
            value = Evaluate(declaration);
            _variables[name] = value;
        }
        return value?.DeepClone();
    }

    public JsonNode? CopyIndex(IReadOnlyList<JsonNode?> args, string source)
    {
        var loop = args.Count > 0 && args[0] is JsonValue v && v.TryGetValue<string>(out var name) ? name : "";
        var offset = args.Count > 0 && args[^1] is JsonValue o && o.TryGetValue<long>(out var n) ? (int)n : 0;
        return _copyIndexes.TryGetValue(loop, out var index) ? JsonValue.Create((long)(index + offset)) : Opaque.Of(source);
    }

    /// <summary>Evaluates every template string in a JSON tree, and expands property copy loops into arrays.</summary>
    public JsonNode? Evaluate(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => EvaluateObject(obj),
        JsonArray array => new JsonArray([.. array.Select(Evaluate)]),
        JsonValue value when value.TryGetValue<string>(out var text) => ArmExpression.EvaluateString(text, this),
        _ => node.DeepClone(),
    };

    /// <summary>
    /// A property copy loop ("copy": [{ name, count, input }], what Bicep emits for a for-expression in a property)
    /// becomes the array property it builds; a count not known before deployment leaves it opaque.
    /// </summary>
    private JsonObject EvaluateObject(JsonObject obj)
    {
        var result = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (key != "copy" || value is not JsonArray loops || !loops.All(l => l?["input"] is not null))
            {
                result[key] = Evaluate(value);
                continue;
            }
            foreach (var loop in loops)
            {
                var name = loop!["name"]!.GetValue<string>();
                var count = Evaluate(loop["count"]);
                result[name] = Opaque.Is(count)
                    ? Opaque.Of($"copy {name}")
                    : new JsonArray([.. Enumerable.Range(0, (int)count!.GetValue<long>()).Select(i => WithCopyIndex(name, i).Evaluate(loop["input"]))]);
            }
        }
        return result;
    }
}
