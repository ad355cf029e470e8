using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serverless.Sample;
using Serverless.Workflows.Departments;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Journeys;

namespace Serverless.Integration.Tests.EndToEnd;

/// <summary>Whole journeys through the self-host's HTTP API, on Azurite queues and the Cosmos emulator.</summary>
[Collection(SelfHostCollection.Name)]
public sealed class JourneyEndToEndTests(SelfHostFixture host)
{
    private const string Fishing = "rod-fishing-licence";
    private const string BlueBadge = "blue-badge";

    [Fact]
    public async Task Sample_application_reaches_its_decision_notification()
    {
        var citizen = new SampleCitizen(host.Http, "citizen-" + Guid.NewGuid().ToString("N"));
        var output = new StringWriter();
        var journey = new SampleJourney(citizen, host.Department("environment-agency", "environment-agency-cases"), output);

        await journey.RunAsync(Fishing, ExampleApplications.For(Fishing), Timeout());

        Assert.Contains("journey finished: approved", output.ToString(), StringComparison.Ordinal);
        Assert.Contains(":approved", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Journey_completes_after_the_self_host_restarts_mid_journey()
    {
        var token = await host.CitizenTokenAsync("restart-citizen", "P2");
        var caseId = await SubmitAsync(BlueBadge, token);
        await host.WaitForCaseAsync(caseId, token, c => (string?)c["status"] == "with_department", "with the department");
        var department = host.Department("local-council-blue-badge", "blue-badge-cases");
        await department.ReceiveAsync(caseId, MessageTypes.Submitted, TimeSpan.FromSeconds(30), Timeout());

        await host.StopAsync();
        await host.StartAsync();

        await department.DecideAsync(caseId, DecisionOutcomes.Approved, "Badge approved.", Timeout());
        var done = await host.WaitForCaseAsync(caseId, token, c => (string?)c["status"] == "approved", "approved");
        Assert.Equal("Badge approved.", (string?)done["outcome"]!["reason"]);
    }

    [Fact]
    public async Task Paid_journey_survives_restarts_while_awaiting_payment_and_the_decision()
    {
        var citizen = new SampleCitizen(host.Http, "paid-restart-citizen");
        await citizen.SignInAsync("P2", Timeout());
        var caseId = (string)(await citizen.ApplyAsync(Fishing, ExampleApplications.For(Fishing), Timeout()))["case_id"]!;
        var awaiting = await host.WaitForCaseAsync(caseId, citizen.Token!, c => (string?)c["status"] == "awaiting_payment", "awaiting payment");

        // Stopped as soon as the status shows: the step that wrote it is usually still checkpointing in the journey.
        await host.StopAsync();
        await host.StartAsync();
        await citizen.PayAsync(new Uri((string)awaiting["payment"]!["next_url"]!), Timeout());
        await host.WaitForCaseAsync(caseId, citizen.Token!, c => (string?)c["status"] == "with_department", "with the department", TakeoverTime);
        var department = host.Department("environment-agency", "environment-agency-cases");
        await department.ReceiveAsync(caseId, MessageTypes.Submitted, TimeSpan.FromSeconds(30), Timeout());

        await host.StopAsync();
        await host.StartAsync();
        await department.DecideAsync(caseId, DecisionOutcomes.Rejected, "You hold a licence for these dates already.", Timeout());

        var done = await host.WaitForCaseAsync(caseId, citizen.Token!, c => (string?)c["payment"]?["refund_status"] == "success", "refunded", TakeoverTime);
        Assert.Equal("rejected", (string?)done["status"]);
    }

    /// <summary>
    /// The most a restart may delay a journey: the engine's takeover time, host.json's visibility timeouts (how long a
    /// message a stopped worker held stays hidden), plus the time the rest of the step takes.
    /// </summary>
    private static readonly TimeSpan TakeoverTime = MaxVisibilityTimeout() + TimeSpan.FromSeconds(20);

    private static TimeSpan MaxVisibilityTimeout()
    {
        var hostJson = Serverless.SelfHost.Engine.HostJson.Load(Path.Combine(AppContext.BaseDirectory, "host.json"));
        return hostJson.ControlQueueVisibilityTimeout > hostJson.WorkItemQueueVisibilityTimeout
            ? hostJson.ControlQueueVisibilityTimeout : hostJson.WorkItemQueueVisibilityTimeout;
    }

    [Fact]
    public async Task Retry_with_the_same_key_after_a_crash_between_case_and_journey_completes_the_journey()
    {
        var token = await host.CitizenTokenAsync("crash-citizen", "P2");
        await RestartAsync(services => services.Replace(ServiceDescriptor.Singleton<IJourneyClient>(new CrashingJourneyClient())));
        try
        {
            using var failed = await host.SendAsync(HttpMethod.Post, $"api/v1/services/{BlueBadge}/applications", token, ExampleApplications.For(BlueBadge), "crash-key");
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        }
        finally
        {
            await RestartAsync(null);
        }

        using var retried = await host.SendAsync(HttpMethod.Post, $"api/v1/services/{BlueBadge}/applications", token, ExampleApplications.For(BlueBadge), "crash-key");
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        var caseId = (string)(await retried.Content.ReadFromJsonAsync<JsonObject>())!["case_id"]!;
        await host.WaitForCaseAsync(caseId, token, c => (string?)c["status"] == "with_department", "with the department");
    }

    [Fact]
    public async Task Case_whose_journey_never_started_is_picked_up_by_the_orphan_sweep()
    {
        var token = await host.CitizenTokenAsync("orphan-citizen", "P2");
        await RestartAsync(services => services.Replace(ServiceDescriptor.Singleton<IJourneyClient>(new CrashingJourneyClient())));
        try
        {
            using var failed = await host.SendAsync(HttpMethod.Post, $"api/v1/services/{BlueBadge}/applications", token, ExampleApplications.For(BlueBadge), "orphan-key");
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        }
        finally
        {
            await RestartAsync(null);
        }

        // No retry from the citizen: the sweep finds the case still 'submitted' and starts its journey.
        var caseId = await host.FindCaseIdByKeyAsync(BlueBadge, "orphan-key");
        await host.WaitForCaseAsync(caseId, token, c => (string?)c["status"] == "with_department", "started by the sweep");
    }

    private async Task RestartAsync(Action<IServiceCollection>? overrides)
    {
        await host.StopAsync();
        host.Overrides = overrides;
        await host.StartAsync();
    }

    private async Task<string> SubmitAsync(string serviceId, string token)
    {
        using var response = await host.SendAsync(HttpMethod.Post, $"api/v1/services/{serviceId}/applications", token, ExampleApplications.For(serviceId));
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body.ToJsonString());
        return (string)body["case_id"]!;
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token;

    /// <summary>The process "dies" after the case is written and before the journey starts.</summary>
    private sealed class CrashingJourneyClient : IJourneyClient
    {
        public Task<bool> StartIfAbsentAsync(string caseId, CancellationToken cancellationToken) =>
            throw new IOException("Injected fault: the process died before starting the journey.");

        public Task<bool> ExistsAsync(string caseId, CancellationToken cancellationToken) => Task.FromResult(false);

        public Task RaiseEventAsync(string caseId, string eventName, object payload, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<JourneyRuntime?> DescribeAsync(string caseId, CancellationToken cancellationToken) => Task.FromResult<JourneyRuntime?>(null);

        public Task TerminateAsync(string caseId, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
