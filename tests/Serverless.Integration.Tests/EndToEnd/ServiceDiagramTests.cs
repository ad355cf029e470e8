using System.Net;
using System.Text.Json.Nodes;
using Serverless.Workflows.Definitions;

namespace Serverless.Integration.Tests.EndToEnd;

/// <summary>GET /api/v1/services/{service_id}/diagram on the self-host: the journey diagram behind the frontend key.</summary>
[Collection(SelfHostCollection.Name)]
public sealed class ServiceDiagramTests(SelfHostFixture host)
{
    [Fact]
    public async Task Self_host_serves_the_latest_versions_journey_diagram()
    {
        using var response = await host.Http.GetAsync("api/v1/services/rod-fishing-licence/diagram");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var latest = DefinitionCatalog.LoadEmbedded().FindLatest("rod-fishing-licence")!;
        Assert.Equal(latest.Version, (int)body["version"]!);
        Assert.Equal(JourneyDiagram.Mermaid(latest), (string?)body["mermaid"]);
    }

    [Fact]
    public async Task Diagram_without_a_frontend_key_is_unauthorised()
    {
        using var client = new HttpClient { BaseAddress = host.BaseUrl };
        using var response = await client.GetAsync("api/v1/services/rod-fishing-licence/diagram");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
