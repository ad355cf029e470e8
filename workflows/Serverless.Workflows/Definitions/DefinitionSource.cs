namespace Serverless.Workflows.Definitions;

/// <summary>One definition file: its name (<c>services/&lt;service_id&gt;/v&lt;N&gt;.json</c>) and its JSON text.</summary>
public sealed record DefinitionSource(string Name, string Json)
{
    /// <summary>The name a definition would have as a shipped file; used for definitions published at runtime.</summary>
    public static string NameFor(DefinitionKey key) => $"services/{key.ServiceId}/v{key.Version}.json";
}
