using System.Globalization;
using System.Text.RegularExpressions;

namespace Serverless.Infra.Tests;

/// <summary>
/// main.parameters.json the way azd reads it: each ${VAR} or ${VAR=default} is replaced from the azd environment
/// (unset without a default: empty), then each value is converted to the type main.bicep declares for it.
/// </summary>
public static partial class AzdParameterFile
{
    public static JsonObject Resolve(string text, JsonObject template, IReadOnlyDictionary<string, string?> environment)
    {
        var file = JsonNode.Parse(text)!.AsObject();
        foreach (var (name, parameter) in file["parameters"]!.AsObject())
        {
            var raw = parameter!["value"]!.GetValue<string>();
            var value = Variable().Replace(raw, m =>
                environment.GetValueOrDefault(m.Groups["name"].Value) ?? (m.Groups["default"].Success ? m.Groups["default"].Value : ""));
            var type = template["parameters"]?[name]?["type"]?.GetValue<string>() ?? "string";
            parameter["value"] = type.ToLowerInvariant() switch
            {
                "bool" => JsonValue.Create(bool.Parse(value)),
                "int" => JsonValue.Create(long.Parse(value, CultureInfo.InvariantCulture)),
                _ => JsonValue.Create(value),
            };
        }
        return file;
    }

    /// <summary>The azd variables a parameters file reads.</summary>
    public static IReadOnlyList<string> Variables(string text) =>
        [.. Variable().Matches(text).Select(m => m.Groups["name"].Value).Distinct(StringComparer.Ordinal)];

    [GeneratedRegex(@"\$\{(?<name>[A-Z0-9_]+)(?:=(?<default>[^}]*))?\}")]
    private static partial Regex Variable();
}
