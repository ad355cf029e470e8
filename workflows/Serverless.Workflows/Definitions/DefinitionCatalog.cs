using System.Collections.Immutable;
using System.Text.Json;

namespace Serverless.Workflows.Definitions;

/// <summary>
/// The loaded, validated definitions. Reads see an immutable snapshot; <see cref="Publish(ServiceDefinition)"/> swaps in a
/// new one, so a case pinned to an older version keeps it while new applications move to the new version.
/// </summary>
public sealed class DefinitionCatalog : IDefinitionCatalog
{
    private readonly Lock publishing = new();
    private volatile Snapshot snapshot;

    private DefinitionCatalog(IEnumerable<LoadedDefinition> definitions) => snapshot = Snapshot.Of(definitions);

    /// <summary>The definitions shipped inside the engine. Throws <see cref="DefinitionException"/> if any is invalid.</summary>
    public static DefinitionCatalog LoadEmbedded()
    {
        var sources = DefinitionLoader.ReadEmbedded();
        return sources.Count == 0
            ? throw new DefinitionException("No service definitions are embedded: expected Definitions/services/<service_id>/v<N>.json files.")
            : FromSources(sources);
    }

    /// <summary>A catalog of exactly these files (tests, tools). Throws <see cref="DefinitionException"/> if any is invalid.</summary>
    public static DefinitionCatalog FromSources(IEnumerable<DefinitionSource> sources) =>
        new(DefinitionLoader.LoadCompiled(sources, ImmutableDictionary<DefinitionKey, LoadedDefinition>.Empty));

    public IReadOnlyList<ServiceDefinition> Latest => snapshot.Latest;

    public IReadOnlyList<ServiceDefinition> All => snapshot.All;

    public ServiceDefinition? FindLatest(string serviceId) =>
        snapshot.Latest.FirstOrDefault(d => d.ServiceId == serviceId);

    public ServiceDefinition Get(DefinitionKey key) => Find(key).Definition;

    public ApplicationValidation Validate(DefinitionKey key, JsonElement application) => Find(key).Schema.Validate(application);

    /// <summary>
    /// Adds a newly published version, checked by the same rules as a shipped file. Never replaces a loaded
    /// (service_id, version): that would change the rules under cases already pinned to it.
    /// </summary>
    public void Publish(ServiceDefinition definition)
    {
        lock (publishing)
        {
            var current = snapshot;
            var loaded = DefinitionLoader.Compile(definition, current.ByKey);
            snapshot = Snapshot.Of(current.ByKey.Values.Append(loaded));
        }
    }

    /// <summary>Adds a newly published version from its JSON text, named as a shipped file would be.</summary>
    public void Publish(DefinitionSource source)
    {
        lock (publishing)
        {
            var current = snapshot;
            var loaded = DefinitionLoader.LoadCompiled([source], current.ByKey);
            snapshot = Snapshot.Of(current.ByKey.Values.Concat(loaded));
        }
    }

    private LoadedDefinition Find(DefinitionKey key)
    {
        var current = snapshot;
        if (current.ByKey.TryGetValue(key, out var loaded))
            return loaded;

        var versions = current.All.Where(d => d.ServiceId == key.ServiceId).Select(d => $"v{d.Version}").ToList();
        var loadedVersions = versions.Count == 0 ? "no version of that service is loaded" : $"loaded: {string.Join(", ", versions)}";
        throw new KeyNotFoundException(
            $"Service definition {key} is not loaded ({loadedVersions}). A case keeps the version it was submitted under and never falls back to another.");
    }

    private sealed record Snapshot(
        ImmutableDictionary<DefinitionKey, LoadedDefinition> ByKey,
        IReadOnlyList<ServiceDefinition> All,
        IReadOnlyList<ServiceDefinition> Latest)
    {
        public static Snapshot Of(IEnumerable<LoadedDefinition> definitions)
        {
            var byKey = definitions.ToImmutableDictionary(d => d.Definition.Key);
            var all = byKey.Values.Select(d => d.Definition)
                .OrderBy(d => d.ServiceId, StringComparer.Ordinal).ThenBy(d => d.Version).ToList();
            var latest = all.GroupBy(d => d.ServiceId, StringComparer.Ordinal).Select(g => g.Last()).ToList();
            return new Snapshot(byKey, all, latest);
        }
    }
}
