using System.Reflection;
using System.Text.Json;
using Json.Schema;
using Serverless.Workflows.Definitions;

namespace Serverless.Workflows.Departments;

/// <summary>
/// The published JSON Schemas of the department messages (Departments/contracts/). Inbound messages are checked
/// against them; tests check every outbound message against them too.
/// </summary>
public sealed class MessageContracts
{
    private const string ResourcePrefix = "contracts/";
    private readonly Dictionary<string, JsonSchema> _byType;

    private MessageContracts(Dictionary<string, JsonSchema> byType) => _byType = byType;

    public static MessageContracts Load()
    {
        var assembly = typeof(MessageContracts).Assembly;
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        // The envelope first: every message schema refers to it.
        JsonSchema.FromText(Read(assembly, "cloudevent.envelope.schema.json"), options);
        var byType = MessageTypes.All.ToDictionary(t => t, t => JsonSchema.FromText(Read(assembly, MessageTypes.SchemaFile(t)), options));
        return new MessageContracts(byType);
    }

    /// <summary>Every schema file, by name, for documentation and tests.</summary>
    public static IReadOnlyDictionary<string, string> Files()
    {
        var assembly = typeof(MessageContracts).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .ToDictionary(n => n[ResourcePrefix.Length..], n => Read(assembly, n[ResourcePrefix.Length..]));
    }

    public IReadOnlyList<ValidationError> Validate(string type, JsonElement message)
    {
        if (!_byType.TryGetValue(type, out var schema))
            return [new ValidationError("/type", $"'{type}' is not a known message type.")];
        var result = schema.Evaluate(message, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => new ValidationError(d.InstanceLocation.ToString(), e.Value)))
                .Distinct()];
    }

    private static string Read(Assembly assembly, string file)
    {
        using var stream = assembly.GetManifestResourceStream(ResourcePrefix + file)
            ?? throw new InvalidOperationException($"Message schema '{file}' is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
