using System.Reflection;
using System.Text.Json.Nodes;
using Serverless.Workflows.Definitions;

namespace Serverless.Workflows.Tests.Journeys;

/// <summary>
/// The shipped definitions, with the SLA and deadlines shortened where a test needs to watch timers fire: the in-memory
/// engine's timers run in real time.
/// </summary>
public static class TestDefinitions
{
    public const string Fishing = "rod-fishing-licence";
    public const string BlueBadge = "blue-badge";

    public static DefinitionCatalog Shipped(bool latestFishingIsV1 = false) =>
        DefinitionCatalog.FromSources(Sources(latestFishingIsV1, tweak: null));

    /// <summary>The shipped definitions, with rejected (and unanswered) paid cases keeping their fee.</summary>
    public static DefinitionCatalog KeepingFeesOnRejection() =>
        DefinitionCatalog.FromSources(Sources(false, d => d["refund_on_rejection"] = false));

    /// <summary>Definitions whose department reminder, SLA breach and information deadline come within seconds.</summary>
    public static DefinitionCatalog Fast(string remindAfter = "PT1S", string decideWithin = "PT2S", string respondWithin = "PT2S") =>
        DefinitionCatalog.FromSources(Sources(false, d =>
        {
            d["decision_sla"] = new JsonObject { ["clock"] = "calendar", ["decide_within"] = decideWithin, ["remind_after"] = remindAfter };
            d["information_response_within"] = respondWithin;
        }));

    public static DefinitionSource Source(string serviceId, int version, Action<JsonObject>? tweak = null)
    {
        var name = $"services/{serviceId}/v{version}.json";
        using var stream = typeof(DefinitionCatalog).Assembly.GetManifestResourceStream(name)
            ?? throw new ArgumentException($"No shipped definition {name}.");
        var json = JsonNode.Parse(stream)!.AsObject();
        tweak?.Invoke(json);
        return new DefinitionSource(name, json.ToJsonString());
    }

    private static IEnumerable<DefinitionSource> Sources(bool latestFishingIsV1, Action<JsonObject>? tweak)
    {
        var names = typeof(DefinitionCatalog).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("services/", StringComparison.Ordinal))
            .Where(n => !(latestFishingIsV1 && n == $"services/{Fishing}/v2.json"));
        foreach (var name in names)
        {
            var parts = name.Split('/');
            yield return Source(parts[1], int.Parse(parts[2][1..^5], System.Globalization.CultureInfo.InvariantCulture), tweak);
        }
    }
}
