namespace Serverless.Workflows.Tests.Definitions;

/// <summary>The shipped definition files, as editable JSON, so each rule test breaks exactly one thing in a good file.</summary>
internal static class DefinitionFiles
{
    public const string FishingV1 = "services/rod-fishing-licence/v1.json";
    public const string FishingV2 = "services/rod-fishing-licence/v2.json";
    public const string BlueBadgeV1 = "services/blue-badge/v1.json";
    public const string BlueBadgeV2 = "services/blue-badge/v2.json";

    /// <summary>A path in the repository this test run was built from (found by walking up to Serverless.sln).</summary>
    public static string RepositoryPath(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
                return Path.Combine([dir.FullName, .. parts]);
        }

        throw new InvalidOperationException("Serverless.sln not found above the test output folder");
    }

    public static DefinitionSource Shipped(string name) => DefinitionLoader.ReadEmbedded().Single(s => s.Name == name);

    public static JsonObject Edit(string name) => JsonNode.Parse(Shipped(name).Json)!.AsObject();

    /// <summary>Loads <paramref name="definition"/> as file <paramref name="name"/> and returns the exception it must cause.</summary>
    public static DefinitionException Rejected(JsonObject definition, string name = FishingV1) =>
        Assert.Throws<DefinitionException>(() => DefinitionCatalog.FromSources([new DefinitionSource(name, definition.ToJsonString())]));

    /// <summary>Asserts the message names the file and the field, and gives the reason.</summary>
    public static void AssertNames(DefinitionException exception, string file, string field, string reason)
    {
        var prefix = $"{file}: field '{field}': ";
        var line = exception.Message.Split('\n').SingleOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        Assert.True(line is not null, $"Expected a problem starting \"{prefix}\" in:\n{exception.Message}");
        Assert.Contains(reason, line, StringComparison.Ordinal);
    }
}
