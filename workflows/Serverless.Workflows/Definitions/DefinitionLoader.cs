using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;

namespace Serverless.Workflows.Definitions;

/// <summary>Reads definition files and checks every rule, reporting all problems across all files in one exception.</summary>
public static class DefinitionLoader
{
    private const string ResourcePrefix = "services/";

    /// <summary>The definition files embedded in the engine (<c>Definitions/services/&lt;service_id&gt;/v&lt;N&gt;.json</c>).</summary>
    public static IReadOnlyList<DefinitionSource> ReadEmbedded() => ReadEmbedded(typeof(DefinitionLoader).Assembly);

    public static IReadOnlyList<DefinitionSource> ReadEmbedded(Assembly assembly)
    {
        var sources = new List<DefinitionSource>();
        foreach (var name in assembly.GetManifestResourceNames().Order(StringComparer.Ordinal))
        {
            var normalised = name.Replace('\\', '/');
            if (!normalised.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !normalised.EndsWith(".json", StringComparison.Ordinal))
                continue;

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            sources.Add(new DefinitionSource(normalised, reader.ReadToEnd()));
        }

        return sources;
    }

    /// <summary>Parses and validates every source; throws <see cref="DefinitionException"/> listing every problem.</summary>
    public static IReadOnlyList<ServiceDefinition> Load(IEnumerable<DefinitionSource> sources) =>
        [.. LoadCompiled(sources, ImmutableDictionary<DefinitionKey, LoadedDefinition>.Empty).Select(d => d.Definition)];

    internal static IReadOnlyList<LoadedDefinition> LoadCompiled(
        IEnumerable<DefinitionSource> sources, IReadOnlyDictionary<DefinitionKey, LoadedDefinition> alreadyLoaded)
    {
        var loaded = new List<LoadedDefinition>();
        var problems = new List<DefinitionProblem>();
        var sourceOf = alreadyLoaded.ToDictionary(e => e.Key, e => e.Value.Source);
        foreach (var source in sources)
        {
            var list = new ProblemList(source.Name);
            var definition = Parse(source, list);
            var compiled = definition is null ? null : Check(definition, source.Name, list);
            if (definition is not null && sourceOf.TryGetValue(definition.Key, out var earlier))
                list.Add("version", AlreadyDefined(definition.Key, earlier, sourceOf.Keys));

            problems.AddRange(list.Items);
            if (!list.Any && compiled is not null)
            {
                loaded.Add(new LoadedDefinition(definition!, compiled, source.Name));
                sourceOf[definition!.Key] = source.Name;
            }
        }

        return problems.Count > 0 ? throw new DefinitionException(problems) : loaded;
    }

    /// <summary>Checks a definition built in code (a runtime publish) with the same rules as a file.</summary>
    internal static LoadedDefinition Compile(ServiceDefinition definition, IReadOnlyDictionary<DefinitionKey, LoadedDefinition> alreadyLoaded)
    {
        var name = DefinitionSource.NameFor(definition.Key);
        var list = new ProblemList(name);
        var compiled = Check(definition, name, list);
        if (alreadyLoaded.TryGetValue(definition.Key, out var earlier))
            list.Add("version", AlreadyDefined(definition.Key, earlier.Source, alreadyLoaded.Keys));

        return list.Any || compiled is null ? throw new DefinitionException(list.Items) : new LoadedDefinition(definition, compiled, name);
    }

    private static string AlreadyDefined(DefinitionKey key, string earlierSource, IEnumerable<DefinitionKey> known)
    {
        var next = known.Where(k => k.ServiceId == key.ServiceId).Max(k => k.Version) + 1;
        return $"{key} is already defined by {earlierSource}: a published version never changes, publish v{next} instead";
    }

    /// <summary>Whether the serializer can read the file as a definition (before any rule is checked).</summary>
    internal static bool CanRead(DefinitionSource source) => Parse(source, new ProblemList(source.Name)) is not null;

    private static ServiceDefinition? Parse(DefinitionSource source, ProblemList problems)
    {
        try
        {
            var definition = JsonSerializer.Deserialize<ServiceDefinition>(source.Json, DefinitionJson.Options);
            if (definition is null)
                problems.Add(null, "the file holds null, not a service definition");
            return definition;
        }
        catch (JsonException ex)
        {
            var (field, message) = SerializerMessages.Describe(ex);
            problems.Add(field, message);
            return null;
        }
    }

    private static ApplicationSchema? Check(ServiceDefinition definition, string sourceName, ProblemList problems)
    {
        RoutingRules.Check(definition, DefinitionFileName.TryParse(sourceName), problems);
        TimingRules.Check(definition, problems);
        NotificationRules.Check(definition, problems);
        EvidenceRules.Check(definition, problems);
        return ApplicationSchema.Compile(definition.ApplicationSchema, problems);
    }
}
