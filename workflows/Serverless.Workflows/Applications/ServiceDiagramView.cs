using Microsoft.AspNetCore.Http;
using Serverless.Workflows.Api;
using Serverless.Workflows.Definitions;

namespace Serverless.Workflows.Applications;

/// <summary>GET /api/v1/services/{service_id}/diagram: the latest version's journey as Mermaid flowchart text.</summary>
public sealed record ServiceDiagramView(string ServiceId, int Version, string Mermaid)
{
    public static IResult For(IDefinitionCatalog catalog, string serviceId) =>
        catalog.FindLatest(serviceId) is { } d
            ? Results.Json(new ServiceDiagramView(d.ServiceId, d.Version, JourneyDiagram.Mermaid(d)), ApiJson.Options)
            : Problems.NotFound($"Service '{serviceId}'");
}
