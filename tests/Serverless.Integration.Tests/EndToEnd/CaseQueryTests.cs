using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Definitions;

namespace Serverless.Integration.Tests.EndToEnd;

/// <summary>Department and ops worklists over HTTP: by service and status, newest first, paged; and SLA breaches.</summary>
[Collection(SelfHostCollection.Name)]
public sealed class CaseQueryTests(SelfHostFixture host)
{
    private const string OperatorKey = "e2e-operator-key";

    [Fact]
    public async Task Worklist_pages_a_services_cases_newest_first_without_application_data()
    {
        var token = await host.CitizenTokenAsync("worklist-citizen", "P2");
        var submitted = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await host.SendAsync(HttpMethod.Post, "api/v1/services/blue-badge/applications", token, ExampleApplications.For("blue-badge"));
            submitted.Add((string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["case_id"]!);
        }
        foreach (var caseId in submitted)
            await host.WaitForCaseAsync(caseId, token, c => (string?)c["status"] == "with_department", "with the department");

        var seen = new List<JsonObject>();
        string? pageToken = null;
        do
        {
            var page = await GetAsync($"api/v1/services/blue-badge/cases?status=with_department&page_size=2{(pageToken is null ? "" : "&page_token=" + Uri.EscapeDataString(pageToken))}");
            seen.AddRange(page["cases"]!.AsArray().Select(c => c!.AsObject()));
            pageToken = (string?)page["next_page_token"];
        }
        while (pageToken is not null);

        var ours = seen.Where(c => submitted.Contains((string)c["case_id"]!)).Select(c => (string)c["case_id"]!).ToList();
        Assert.Equal(Enumerable.Reverse(submitted), ours);
        var submittedAt = seen.Select(c => (DateTime)c["submitted_at"]!).ToList();
        Assert.Equal(submittedAt.OrderByDescending(t => t), submittedAt);
        Assert.DoesNotContain("Hopper", seen[0].ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sla_breaches_list_cases_past_their_due_date()
    {
        var store = host.Services.GetRequiredService<ICaseStore>();
        var overdue = Case("case-" + Guid.NewGuid().ToString("N")[..26], dueAt: DateTimeOffset.UtcNow.AddDays(-1));
        var onTime = Case("case-" + Guid.NewGuid().ToString("N")[..26], dueAt: DateTimeOffset.UtcNow.AddDays(3));
        await store.TryCreateAsync(overdue, default);
        await store.TryCreateAsync(onTime, default);

        var page = await GetAsync("api/v1/cases/sla-breaches?page_size=200");

        var ids = page["cases"]!.AsArray().Select(c => (string)c!["case_id"]!).ToList();
        Assert.Contains(overdue.Id, ids);
        Assert.DoesNotContain(onTime.Id, ids);
    }

    [Fact]
    public async Task Worklist_refuses_frontend_keys_and_bad_queries()
    {
        using var withFrontendKey = await host.Http.GetAsync("api/v1/cases/sla-breaches");
        Assert.Equal(HttpStatusCode.Unauthorized, withFrontendKey.StatusCode);
        using var badStatus = await SendAsync("api/v1/services/blue-badge/cases?status=lost");
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        using var badSize = await SendAsync("api/v1/services/blue-badge/cases?status=approved&page_size=0");
        Assert.Equal(HttpStatusCode.BadRequest, badSize.StatusCode);
        using var unknown = await SendAsync("api/v1/services/no-such-service/cases?status=approved");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    private async Task<HttpResponseMessage> SendAsync(string path)
    {
        if (!host.Settings.ContainsKey("SelfHost:OperatorApiKeys:e2e"))
        {
            await host.StopAsync();
            host.Settings["SelfHost:OperatorApiKeys:e2e"] = OperatorKey;
            await host.StartAsync();
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", OperatorKey);
        return await new HttpClient { BaseAddress = host.BaseUrl }.SendAsync(request);
    }

    private async Task<JsonObject> GetAsync(string path)
    {
        using var response = await SendAsync(path);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    private static CaseRecord Case(string id, DateTimeOffset dueAt) => new()
    {
        Id = id,
        ServiceId = "blue-badge",
        DefinitionVersion = 1,
        Reference = "BB-TEST-0000",
        DepartmentId = "local-council-blue-badge",
        Status = CaseStatus.WithDepartment,
        SubmittedAt = dueAt.AddDays(-10),
        ApplicationHash = "test",
        Identity = new IdentityCheck("ops-test", "P2", dueAt.AddDays(-10)),
        Department = new DepartmentProgress { HandedOffAt = dueAt.AddDays(-10), RemindAt = dueAt.AddDays(-3), DueAt = dueAt },
    };
}
