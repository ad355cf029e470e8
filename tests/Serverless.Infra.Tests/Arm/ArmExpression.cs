using System.Globalization;
using System.Text.RegularExpressions;

namespace Serverless.Infra.Tests.Arm;

/// <summary>
/// Evaluates the part of the ARM template expression language that Bicep emits for values known before deployment:
/// parameters(), variables(), copyIndex(), format(), concat(), union(), if() and a few more. Anything else (reference(),
/// uniqueString(), resourceId() ...) becomes <see cref="Opaque"/>, so tests can still see the literal parts around it.
/// </summary>
internal sealed partial class ArmExpression
{
    private readonly string _text;
    private readonly ArmScope _scope;
    private int _pos;

    private ArmExpression(string text, ArmScope scope)
    {
        _text = text;
        _scope = scope;
    }

    /// <summary>Evaluates a template string: "[expr]" is an expression, "[[..." an escaped literal, anything else literal.</summary>
    public static JsonNode? EvaluateString(string value, ArmScope scope)
    {
        if (value.StartsWith("[[", StringComparison.Ordinal))
            return JsonValue.Create(value[1..]);
        if (value.Length >= 2 && value[0] == '[' && value[^1] == ']')
            return new ArmExpression(value[1..^1], scope).ParseAll();
        return JsonValue.Create(value);
    }

    private JsonNode? ParseAll()
    {
        var value = ParseExpression();
        SkipWhitespace();
        if (_pos != _text.Length)
            throw Error("unexpected text");
        return value;
    }

    private JsonNode? ParseExpression()
    {
        SkipWhitespace();
        var start = _pos;
        var value = ParsePrimary();
        while (true)
        {
            SkipWhitespace();
            if (At('.'))
            {
                _pos++;
                var member = ReadIdentifier();
                value = Opaque.Is(value) ? Opaque.Of(_text[start.._pos]) : Member(value, member, start);
            }
            else if (At('['))
            {
                _pos++;
                var index = ParseExpression();
                SkipWhitespace();
                Expect(']');
                value = Opaque.Is(value) || Opaque.Is(index) ? Opaque.Of(_text[start.._pos]) : Index(value, index, start);
            }
            else
            {
                return value;
            }
        }
    }

    private JsonNode? ParsePrimary()
    {
        SkipWhitespace();
        if (At('\''))
            return JsonValue.Create(ReadString());
        if (_pos < _text.Length && (char.IsDigit(_text[_pos]) || _text[_pos] == '-'))
            return ReadNumber();

        var start = _pos;
        var name = ReadIdentifier();
        SkipWhitespace();
        Expect('(');
        var args = new List<JsonNode?>();
        SkipWhitespace();
        if (!At(')'))
        {
            while (true)
            {
                args.Add(ParseExpression());
                SkipWhitespace();
                if (At(','))
                {
                    _pos++;
                    continue;
                }
                break;
            }
        }
        Expect(')');
        return Call(name, args, _text[start.._pos]);
    }

    private JsonNode? Call(string name, List<JsonNode?> args, string source)
    {
        switch (name.ToLowerInvariant())
        {
            case "parameters": return _scope.Parameter(Text(args[0]));
            case "variables": return _scope.Variable(Text(args[0]));
            case "copyindex": return _scope.CopyIndex(args, source);
            case "true": return JsonValue.Create(true);
            case "false": return JsonValue.Create(false);
            case "null": return null;
            case "format": return JsonValue.Create(Format(args));
            case "createarray": return new JsonArray([.. args.Select(a => a?.DeepClone())]);
            case "createobject":
                var created = new JsonObject();
                for (var i = 0; i + 1 < args.Count; i += 2)
                    created[Text(args[i])] = args[i + 1]?.DeepClone();
                return created;
            case "if":
                return Opaque.Is(args[0]) ? Opaque.Of(source) : args[0]!.GetValue<bool>() ? args[1] : args[2];
            case "union": return Union(args, source);
            case "resourceid": return JsonValue.Create(ResourceId("«resourceGroup()»", args));
            case "subscriptionresourceid": return JsonValue.Create(ResourceId("«subscription()»", args));
            case "concat":
                if (args.All(a => a is JsonArray))
                    return new JsonArray([.. args.SelectMany(a => a!.AsArray()).Select(a => a?.DeepClone())]);
                return JsonValue.Create(string.Concat(args.Select(Text)));
        }

        if (args.Any(Opaque.Is))
            return Opaque.Of(source);

        return name.ToLowerInvariant() switch
        {
            "length" => JsonValue.Create((long)(args[0] switch
            {
                JsonArray array => array.Count,
                JsonObject obj => obj.Count,
                var other => Text(other).Length,
            })),
            "empty" => JsonValue.Create(IsEmpty(args[0])),
            "not" => JsonValue.Create(!args[0]!.GetValue<bool>()),
            "and" => JsonValue.Create(args.All(a => a!.GetValue<bool>())),
            "or" => JsonValue.Create(args.Any(a => a!.GetValue<bool>())),
            "equals" => JsonValue.Create(JsonNode.DeepEquals(args[0], args[1])),
            "max" => JsonValue.Create(args.Max(a => a!.GetValue<long>())),
            "min" => JsonValue.Create(args.Min(a => a!.GetValue<long>())),
            "tolower" => JsonValue.Create(Text(args[0]).ToLowerInvariant()),
            "toupper" => JsonValue.Create(Text(args[0]).ToUpperInvariant()),
            "string" => JsonValue.Create(Text(args[0])),
            _ => Opaque.Of(source),
        };
    }

    private static JsonNode? Union(List<JsonNode?> args, string source)
    {
        if (args.Any(a => a is not JsonObject))
            return args.All(a => a is JsonArray)
                ? new JsonArray([.. args.SelectMany(a => a!.AsArray()).DistinctBy(a => a?.ToJsonString()).Select(a => a?.DeepClone())])
                : Opaque.Of(source);
        var merged = new JsonObject();
        foreach (var obj in args.Cast<JsonObject>())
            foreach (var (key, value) in obj)
                merged[key] = value?.DeepClone();
        return merged;
    }

    /// <summary>A resource id with the known parts spelled out: "«resourceGroup()»/providers/A.B/x/name1/y/name2".</summary>
    private static string ResourceId(string prefix, List<JsonNode?> args)
    {
        var parts = args.Select(Text).ToList();
        var typeAt = parts.FindIndex(p => p.Contains('/', StringComparison.Ordinal) && p.Contains('.', StringComparison.Ordinal));
        var segments = parts[typeAt].Split('/');
        var id = new System.Text.StringBuilder($"{prefix}/providers/{segments[0]}");
        var names = parts.Skip(typeAt + 1).ToList();
        for (var i = 1; i < segments.Length; i++)
            id.Append('/').Append(segments[i]).Append('/').Append(i - 1 < names.Count ? names[i - 1] : "?");
        return id.ToString();
    }

    private static string Format(List<JsonNode?> args)
    {
        var template = Text(args[0]);
        return FormatItem().Replace(template, m => Text(args[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 1]));
    }

    private static bool IsEmpty(JsonNode? node) => node switch
    {
        null => true,
        JsonArray array => array.Count == 0,
        JsonObject obj => obj.Count == 0,
        _ => Text(node).Length == 0,
    };

    /// <summary>A value as text, the way format() and concat() render it.</summary>
    public static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        JsonValue value when value.TryGetValue<bool>(out var b) => b ? "True" : "False",
        JsonValue value => value.ToJsonString(),
        _ => node.ToJsonString(),
    };

    private JsonNode? Member(JsonNode? target, string member, int start) =>
        target is JsonObject obj && obj.TryGetPropertyValue(member, out var value)
            ? value?.DeepClone()
            : Opaque.Of(_text[start.._pos]);

    private JsonNode? Index(JsonNode? target, JsonNode? index, int start) => target switch
    {
        JsonArray array when index is JsonValue v && v.TryGetValue<long>(out var i) && i >= 0 && i < array.Count => array[(int)i]?.DeepClone(),
        JsonObject obj when obj.TryGetPropertyValue(Text(index), out var value) => value?.DeepClone(),
        _ => Opaque.Of(_text[start.._pos]),
    };

    private string ReadString()
    {
        Expect('\'');
        var builder = new System.Text.StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length)
                throw Error("unterminated string");
            var c = _text[_pos++];
            if (c == '\'')
            {
                if (At('\''))
                {
                    builder.Append('\'');
                    _pos++;
                    continue;
                }
                return builder.ToString();
            }
            builder.Append(c);
        }
    }

    private JsonNode ReadNumber()
    {
        var start = _pos;
        if (At('-'))
            _pos++;
        while (_pos < _text.Length && char.IsDigit(_text[_pos]))
            _pos++;
        return JsonValue.Create(long.Parse(_text[start.._pos], CultureInfo.InvariantCulture));
    }

    private string ReadIdentifier()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
            _pos++;
        if (_pos == start)
            throw Error("identifier expected");
        return _text[start.._pos];
    }

    private bool At(char c) => _pos < _text.Length && _text[_pos] == c;

    private void Expect(char c)
    {
        if (!At(c))
            throw Error($"'{c}' expected");
        _pos++;
    }

    private void SkipWhitespace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
            _pos++;
    }

    private InvalidOperationException Error(string message) =>
        new($"ARM expression [{_text}] at {_pos}: {message}");

    [GeneratedRegex(@"\{(\d+)(?::[^}]*)?\}")]
    private static partial Regex FormatItem();
}
