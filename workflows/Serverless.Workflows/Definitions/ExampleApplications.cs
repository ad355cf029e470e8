using System.Text.Json.Nodes;

namespace Serverless.Workflows.Definitions;

/// <summary>
/// A valid example application for each shipped service (Definitions/examples/), for service teams' docs, the sample
/// run and tests. A test keeps every example valid against its service's newest schema.
/// </summary>
public static class ExampleApplications
{
    public static JsonObject For(string serviceId)
    {
        using var stream = typeof(ExampleApplications).Assembly.GetManifestResourceStream($"examples/{serviceId}.json")
            ?? throw new ArgumentException($"No example application for '{serviceId}'.", nameof(serviceId));
        return JsonNode.Parse(stream)!.AsObject();
    }
}
