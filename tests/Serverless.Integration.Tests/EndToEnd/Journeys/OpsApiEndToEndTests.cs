using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Departments;
using Serverless.Workflows.Journeys;

namespace Serverless.Integration.Tests.EndToEnd.Journeys;

/// <summary>The operator API, /api/v1/ops, through the self-host on Azurite and the Cosmos emulator.</summary>
[Collection(SelfHostCollection.Name)]
public sealed class OpsApiEndToEndTests(SelfHostFixture host) : IDisposable
{
    private const string BlueBadge = "blue-badge";

    // Its own client: the fixture's sends a frontend key by default, and an operator sends only theirs.
    private readonly HttpClient _operators = new() { BaseAddress = host.BaseUrl };

    public void Dispose() => _operators.Dispose();

    [Fact]
    public async Task Operator_finds_the_parked_case_and_retries_it_through_the_api_and_it_reaches_its_decision()
    {
        DepartmentQueueOutage? outage = null;
        await RestartAsync(DepartmentQueueOutage.ParkingJourneysOn("blue-badge-cases", started => outage = started));
        try
        {
            var token = await host.CitizenTokenAsync("ops-api-citizen", "P2");
            using var submitted = await host.SendAsync(HttpMethod.Post, $"api/v1/services/{BlueBadge}/applications", token, ExampleApplications.For(BlueBadge));
            var caseId = (string)(await submitted.Content.ReadFromJsonAsync<JsonObject>())!["case_id"]!;
            await host.WaitForCaseAsync(caseId, token, c => (string?)c["status"] == "needs_attention", "parked");

            // The platform operator and the case's department find it on the parked worklist; another department does not.
            Assert.Contains(caseId, await ParkedCaseIdsAsync(SelfHostFixture.PlatformOperatorKey));
            Assert.Contains(caseId, await ParkedCaseIdsAsync(SelfHostFixture.BlueBadgeOperatorKey));
            Assert.DoesNotContain(caseId, await ParkedCaseIdsAsync(SelfHostFixture.OtherDepartmentOperatorKey));

            var view = await GetJsonAsync($"api/v1/ops/cases/{caseId}", SelfHostFixture.BlueBadgeOperatorKey);
            Assert.Equal(("needs_attention", "HandOffActivity"), ((string?)view["status"], (string?)view["attention"]!["failed_step"]));
            Assert.Equal((JourneyVersions.V2, "Running"), ((string?)view["orchestration"]!["orchestrator"], (string?)view["orchestration"]!["runtime_status"]));
            Assert.Null(view["application"]);
            Assert.Null(view["identity"]);

            // Another department may neither see nor act on it; a retry needs a reason.
            using (var other = await SendAsync(HttpMethod.Get, $"api/v1/ops/cases/{caseId}", SelfHostFixture.OtherDepartmentOperatorKey))
                Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
            using (var other = await SendAsync(HttpMethod.Post, $"api/v1/ops/cases/{caseId}/retry", SelfHostFixture.OtherDepartmentOperatorKey, Reason("mine now")))
                Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
            using (var other = await SendAsync(HttpMethod.Get, "api/v1/ops/cases?department_id=local-council-blue-badge", SelfHostFixture.OtherDepartmentOperatorKey))
                Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
            using (var noReason = await SendAsync(HttpMethod.Post, $"api/v1/ops/cases/{caseId}/retry", SelfHostFixture.BlueBadgeOperatorKey, new JsonObject()))
                Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);

            outage!.End();
            var retried = await PostActionAsync(caseId, "retry", SelfHostFixture.BlueBadgeOperatorKey);
            Assert.Equal(false, (bool?)retried["already_requested"]);
            var repeated = await PostActionAsync(caseId, "retry", SelfHostFixture.BlueBadgeOperatorKey);
            Assert.Equal(true, (bool?)repeated["already_requested"]);

            await host.WaitForCaseAsync(caseId, token, c => (string?)c["status"] == "with_department", "back with the department");
            var department = host.Department("local-council-blue-badge", "blue-badge-cases");
            await department.ReceiveAsync(caseId, MessageTypes.Submitted, TimeSpan.FromSeconds(30), Timeout());
            await department.DecideAsync(caseId, DecisionOutcomes.Approved, "Badge approved.", Timeout());
            await host.WaitForCaseAsync(caseId, token, c => (string?)c["status"] == "approved", "approved");

            var decided = await GetJsonAsync($"api/v1/ops/cases/{caseId}", SelfHostFixture.PlatformOperatorKey);
            var entry = Assert.Single(decided["timeline"]!.AsArray(), t => (string?)t!["milestone"] == "operator_retried")!;
            Assert.Equal(("operator:e2e-blue-badge", "queue restored"), ((string?)entry["actor"], (string?)entry["reason"]));
            Assert.Null(decided["attention"]);
            using var late = await SendAsync(HttpMethod.Post, $"api/v1/ops/cases/{caseId}/withdraw", SelfHostFixture.PlatformOperatorKey, Reason("too late"));
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        }
        finally
        {
            await RestartAsync(null);
        }
    }

    [Theory]
    [InlineData("GET", "api/v1/ops/cases")]
    [InlineData("GET", "api/v1/ops/cases/case-unknown")]
    [InlineData("POST", "api/v1/ops/cases/case-unknown/retry")]
    [InlineData("POST", "api/v1/ops/cases/case-unknown/withdraw")]
    [InlineData("POST", "api/v1/ops/cases/case-unknown/terminate")]
    [InlineData("POST", "api/v1/ops/poison/decisions/redrive")]
    public async Task Every_ops_route_refuses_a_caller_without_operator_credentials(string method, string path)
    {
        // No key; a frontend's key; a wrong key; and App Service's principal header, which nothing sets on the self-host.
        var principal = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"claims":[{"typ":"roles","val":"ops.platform"},{"typ":"oid","val":"x"}]}"""));
        foreach (var (header, value) in new[]
                 { ("X-Unused", "none"), ("X-Api-Key", SelfHostFixture.FrontendKey), ("X-Api-Key", "wrong"), ("X-MS-CLIENT-PRINCIPAL", principal) })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? JsonContent.Create(Reason("why")) : null };
            request.Headers.Add(header, value);
            using var response = await _operators.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Department_operator_terminates_a_journey_through_the_api_and_the_case_closes_as_terminated_but_not_while_with_the_department()
    {
        var token = await host.CitizenTokenAsync("terminate-citizen", "P2");
        using var submitted = await host.SendAsync(HttpMethod.Post, $"api/v1/services/{BlueBadge}/applications", token, ExampleApplications.For(BlueBadge));
        var caseId = (string)(await submitted.Content.ReadFromJsonAsync<JsonObject>())!["case_id"]!;
        await host.WaitForCaseAsync(caseId, token, c => (string?)c["status"] == "with_department", "with the department");
        using (var withDepartment = await SendAsync(HttpMethod.Post, $"api/v1/ops/cases/{caseId}/terminate", SelfHostFixture.BlueBadgeOperatorKey, Reason("duplicate")))
            Assert.Equal(HttpStatusCode.Conflict, withDepartment.StatusCode);
        Assert.Equal("Running", (string?)(await GetJsonAsync($"api/v1/ops/cases/{caseId}", SelfHostFixture.PlatformOperatorKey))["orchestration"]!["runtime_status"]);

        // Asked for more information, the case can close: the department is waiting on the citizen.
        var department = host.Department("local-council-blue-badge", "blue-badge-cases");
        await department.ReceiveAsync(caseId, MessageTypes.Submitted, TimeSpan.FromSeconds(30), Timeout());
        await department.DecideAsync(caseId, DecisionOutcomes.InformationRequested, "Please send a photo.", Timeout());
        await host.WaitForCaseAsync(caseId, token, c => (string?)c["status"] == "awaiting_information", "awaiting information");

        using (var other = await SendAsync(HttpMethod.Post, $"api/v1/ops/cases/{caseId}/terminate", SelfHostFixture.OtherDepartmentOperatorKey, Reason("not mine")))
            Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        var terminated = await PostActionAsync(caseId, "terminate", SelfHostFixture.BlueBadgeOperatorKey);
        Assert.Equal(false, (bool?)terminated["already_requested"]);
        Assert.Equal(true, (bool?)(await PostActionAsync(caseId, "terminate", SelfHostFixture.BlueBadgeOperatorKey))["already_requested"]);

        await host.WaitForCaseAsync(caseId, token, c => (string?)c["status"] == "closed", "closed");
        var view = await GetJsonAsync($"api/v1/ops/cases/{caseId}", SelfHostFixture.PlatformOperatorKey);
        Assert.Equal(("terminated", "Terminated"), ((string?)view["outcome"], (string?)view["orchestration"]!["runtime_status"]));
    }

    [Fact]
    public async Task Platform_operator_redrives_a_refused_decision_from_the_poison_queue_and_the_case_takes_it()
    {
        var token = await host.CitizenTokenAsync("redrive-citizen", "P2");
        using var submitted = await host.SendAsync(HttpMethod.Post, $"api/v1/services/{BlueBadge}/applications", token, ExampleApplications.For(BlueBadge));
        var caseId = (string)(await submitted.Content.ReadFromJsonAsync<JsonObject>())!["case_id"]!;
        await host.WaitForCaseAsync(caseId, token, c => (string?)c["status"] == "with_department", "with the department");
        var department = host.Department("local-council-blue-badge", "blue-badge-cases");
        await department.ReceiveAsync(caseId, MessageTypes.Submitted, TimeSpan.FromSeconds(30), Timeout());

        // The search's other filters, on the emulator's query engine.
        var from = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"));
        Assert.Contains(caseId, await CaseIdsAsync($"status=with_department&department_id=local-council-blue-badge&submitted_from={from}"));
        Assert.DoesNotContain(caseId, await CaseIdsAsync($"service_id={BlueBadge}&submitted_to=2000-01-01T00:00:00Z"));
        Assert.DoesNotContain(caseId, await CaseIdsAsync($"service_id={BlueBadge}&sla_breached=true"));

        // A decision refused earlier (say, while a schema was wrong), wrapped with its reason as intake wraps it.
        var poison = host.Queues.GetQueueClient("decisions-poison");
        await poison.CreateIfNotExistsAsync();
        var wrapped = new PoisonMessage("schema: outcome not recognised", department.Decision(caseId, DecisionOutcomes.Approved, "Badge approved."), 5);
        await poison.SendMessageAsync(System.Text.Json.JsonSerializer.Serialize(wrapped));

        using (var departmentOperator = await SendAsync(HttpMethod.Post, "api/v1/ops/poison/decisions/redrive", SelfHostFixture.BlueBadgeOperatorKey))
            Assert.Equal(HttpStatusCode.Forbidden, departmentOperator.StatusCode);
        using var redriven = await SendAsync(HttpMethod.Post, "api/v1/ops/poison/decisions/redrive", SelfHostFixture.PlatformOperatorKey);
        Assert.Equal(HttpStatusCode.OK, redriven.StatusCode);
        Assert.True((int)(await redriven.Content.ReadFromJsonAsync<JsonObject>())!["moved"]! >= 1);

        await host.WaitForCaseAsync(caseId, token, c => (string?)c["status"] == "approved", "approved by the redriven decision");
    }

    private Task<List<string>> ParkedCaseIdsAsync(string key) => CaseIdsAsync($"parked=true&service_id={BlueBadge}", key);

    /// <summary>Every page of an operator search.</summary>
    private async Task<List<string>> CaseIdsAsync(string query, string key = SelfHostFixture.PlatformOperatorKey)
    {
        var ids = new List<string>();
        string? pageToken = null;
        do
        {
            var path = $"api/v1/ops/cases?{query}&page_size=20" + (pageToken is null ? "" : "&page_token=" + Uri.EscapeDataString(pageToken));
            var page = await GetJsonAsync(path, key);
            ids.AddRange(page["cases"]!.AsArray().Select(c => (string)c!["case_id"]!));
            pageToken = (string?)page["next_page_token"];
        }
        while (pageToken is not null);
        return ids;
    }

    private async Task<JsonObject> PostActionAsync(string caseId, string action, string key)
    {
        using var response = await SendAsync(HttpMethod.Post, $"api/v1/ops/cases/{caseId}/{action}", key, Reason("queue restored"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task<JsonObject> GetJsonAsync(string path, string key)
    {
        using var response = await SendAsync(HttpMethod.Get, path, key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key, JsonObject? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", key);
        return await _operators.SendAsync(request);
    }

    private static JsonObject Reason(string why) => new() { ["reason"] = why };

    private async Task RestartAsync(Action<IServiceCollection>? overrides)
    {
        await host.StopAsync();
        host.Overrides = overrides;
        await host.StartAsync();
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token;
}
