using System.Globalization;

namespace Serverless.Infra.Tests;

/// <summary>
/// What ARM checks in a parameters file before it deploys anything: every parameter is declared, the required ones are
/// given, and each value has the declared type and meets @allowed, @minLength/@maxLength and @minValue/@maxValue.
/// </summary>
internal static class ParameterConstraints
{
    public static IReadOnlyList<string> Violations(JsonObject template, JsonObject parametersFile)
    {
        var declared = template["parameters"]!.AsObject();
        var given = parametersFile["parameters"]!.AsObject();
        var violations = given.Where(p => !declared.ContainsKey(p.Key)).Select(p => $"{p.Key}: not a parameter of main.bicep").ToList();

        foreach (var (name, declaration) in declared)
        {
            if (given[name]?["value"] is not { } value)
            {
                if (!declaration!.AsObject().ContainsKey("defaultValue"))
                    violations.Add($"{name}: required, not given");
                continue;
            }
            violations.AddRange(Check(declaration!.AsObject(), value).Select(problem => $"{name}: {problem}"));
        }
        return violations;
    }

    private static IEnumerable<string> Check(JsonObject declaration, JsonNode value)
    {
        var type = declaration["type"]!.GetValue<string>().ToLowerInvariant();
        var typed = type switch
        {
            "string" or "securestring" => value is JsonValue v && v.TryGetValue<string>(out _),
            "int" => value is JsonValue v && v.TryGetValue<long>(out _),
            "bool" => value is JsonValue v && v.TryGetValue<bool>(out _),
            "array" => value is JsonArray,
            "object" or "secureobject" => value is JsonObject,
            _ => false,
        };
        if (!typed)
        {
            yield return $"{value.ToJsonString()} is not a {type}";
            yield break;
        }

        if (declaration["allowedValues"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
            yield return $"{value.ToJsonString()} is not one of {allowed.ToJsonString()}";

        var length = value switch
        {
            JsonArray array => array.Count,
            JsonValue v when v.TryGetValue<string>(out var text) => text.Length,
            _ => -1,
        };
        if (declaration["minLength"] is JsonValue min && length >= 0 && length < min.GetValue<int>())
            yield return $"length {length} is under the minimum {min}";
        if (declaration["maxLength"] is JsonValue max && length >= 0 && length > max.GetValue<int>())
            yield return $"length {length} is over the maximum {max}";

        if (type == "int")
        {
            var number = value.GetValue<long>();
            if (declaration["minValue"] is JsonValue low && number < low.GetValue<long>())
                yield return $"{number.ToString(CultureInfo.InvariantCulture)} is under {low}";
            if (declaration["maxValue"] is JsonValue high && number > high.GetValue<long>())
                yield return $"{number.ToString(CultureInfo.InvariantCulture)} is over {high}";
        }
    }
}
