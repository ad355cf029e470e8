using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Serverless.Workflows.Operations;

namespace Serverless.Integration.Tests.EndToEnd;

/// <summary>The health probes through the self-host on Azurite and the Cosmos emulator.</summary>
[Collection(SelfHostCollection.Name)]
public sealed class HealthEndToEndTests(SelfHostFixture host) : IDisposable
{
    // Probes carry no credentials.
    private readonly HttpClient _probe = new() { BaseAddress = host.BaseUrl };

    public void Dispose() => _probe.Dispose();

    [Fact]
    public async Task Live_and_ready_answer_without_credentials_when_every_dependency_answers()
    {
        using var live = await _probe.GetAsync("api/v1/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        using var ready = await _probe.GetAsync("api/v1/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var checks = (await ready.Content.ReadFromJsonAsync<JsonObject>())!["checks"]!.AsObject();
        Assert.Equal(["case_store", "queues", "task_hub"], checks.Select(c => c.Key).Order());
        Assert.All(checks, c => Assert.Equal("ok", (string?)c.Value));
    }

    [Fact]
    public async Task Ready_is_503_naming_the_case_store_while_it_fails_and_live_stays_up()
    {
        await RestartAsync(services => services.Decorate(HealthHttpApi.ProbeId));
        try
        {
            using var ready = await _probe.GetAsync("api/v1/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            var checks = (await ready.Content.ReadFromJsonAsync<JsonObject>())!["checks"]!;
            Assert.Equal(("failed", "ok", "ok"), ((string?)checks["case_store"], (string?)checks["queues"], (string?)checks["task_hub"]));
            using var live = await _probe.GetAsync("api/v1/health/live");
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
        finally
        {
            await RestartAsync(null);
        }
    }

    private async Task RestartAsync(Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? overrides)
    {
        await host.StopAsync();
        host.Overrides = overrides;
        await host.StartAsync();
    }
}
