using System.Text.Json;
using System.Text.RegularExpressions;

namespace Serverless.Workflows.Definitions;

/// <summary>
/// Rewrites System.Text.Json's errors for people who edit definition files: a field name and plain words instead of .NET
/// type names. A message in a shape not recognised here is kept as the serializer wrote it.
/// </summary>
internal static partial class SerializerMessages
{
    public static (string? Field, string Message) Describe(JsonException ex)
    {
        var field = FieldFromPath(ex.Path);
        var message = WithoutPosition(ex.Message);
        var line = ex.LineNumber is { } n ? $" (line {n + 1})" : string.Empty;

        if (Unmapped().IsMatch(message))
            return (field, $"is not a field of a service definition (misspelt?){line}");

        if (MissingRequired().Match(message) is { Success: true } missing)
        {
            var names = Quoted().Matches(missing.Groups["names"].Value).Select(m => m.Groups[1].Value).ToList();
            return names.Count == 1
                ? (Join(field, names[0]), $"is required{line}")
                : (field, $"required fields are missing: {string.Join(", ", names)}{line}");
        }

        if (NullNotAllowed().IsMatch(message))
            return (field, $"must not be null{line}");

        if (WrongType().Match(message) is { Success: true } wrongType)
            return (field, $"must be {Describe(wrongType.Groups["type"].Value)}{line}");

        return (field, message + line);
    }

    /// <summary>Turns a serializer path (<c>$.decision_sla.clock</c>) into a field name (<c>decision_sla.clock</c>).</summary>
    private static string? FieldFromPath(string? path) =>
        path switch
        {
            null or "$" => null,
            _ when path.StartsWith("$.", StringComparison.Ordinal) => path[2..],
            _ => path.TrimStart('$'),
        };

    private static string Join(string? parent, string name) => parent is null ? name : $"{parent}.{name}";

    // The path and position are reported apart, as the field and the line.
    private static string WithoutPosition(string message)
    {
        var suffix = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return suffix >= 0 ? message[..suffix] : message;
    }

    private static string Describe(string dotnetType) =>
        dotnetType switch
        {
            _ when dotnetType.Contains("System.String", StringComparison.Ordinal) => "text",
            _ when dotnetType.Contains("System.Int32", StringComparison.Ordinal) => "a whole number",
            _ when dotnetType.Contains("System.Boolean", StringComparison.Ordinal) => "true or false",
            _ => "an object",
        };

    [GeneratedRegex(@"^The JSON property '.*' could not be mapped to any \.NET member", RegexOptions.CultureInvariant)]
    private static partial Regex Unmapped();

    [GeneratedRegex(@"was missing required properties including: (?<names>.*)\.$", RegexOptions.CultureInvariant)]
    private static partial Regex MissingRequired();

    [GeneratedRegex(@"'([^']*)'", RegexOptions.CultureInvariant)]
    private static partial Regex Quoted();

    [GeneratedRegex(@"doesn't allow setting null values", RegexOptions.CultureInvariant)]
    private static partial Regex NullNotAllowed();

    [GeneratedRegex(@"^The JSON value could not be converted to (?<type>.*)\.$", RegexOptions.CultureInvariant)]
    private static partial Regex WrongType();
}
