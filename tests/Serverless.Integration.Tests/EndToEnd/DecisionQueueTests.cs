using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Departments;

namespace Serverless.Integration.Tests.EndToEnd;

/// <summary>Bad messages on the decisions queue go to decisions-poison with their reason; the host keeps working.</summary>
[Collection(SelfHostCollection.Name)]
public sealed class DecisionQueueTests(SelfHostFixture host)
{
    [Theory]
    [InlineData("not json at all {{{ MARK", "malformed")]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"MARK\",\"type\":\"something.else.v1\"}", "malformed")]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"MARK\",\"source\":\"/departments/x\",\"type\":\"uk.gov.serverless.case.decision.v1\",\"subject\":\"case-00000000000000000000000000\",\"time\":\"2026-11-28T09:00:00Z\",\"data\":{\"department_id\":\"x\",\"outcome\":\"maybe\",\"reason\":\"r\"}}", "malformed")]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"MARK\",\"source\":\"/departments/x\",\"type\":\"uk.gov.serverless.case.decision.v1\",\"subject\":\"case-00000000000000000000000000\",\"time\":\"2026-11-28T09:00:00Z\",\"data\":{\"department_id\":\"x\",\"outcome\":\"approved\",\"reason\":\"r\"}}", "unknown_case")]
    public async Task Refused_decision_is_moved_to_the_poison_queue_with_its_reason(string message, string reason)
    {
        var marker = "m" + Guid.NewGuid().ToString("N");
        await Queue(QueueNames.Decisions).SendMessageAsync(message.Replace("MARK", marker, StringComparison.Ordinal));

        var poisoned = await WaitForPoisonAsync(marker);

        Assert.StartsWith(reason, (string?)poisoned["reason"], StringComparison.Ordinal);
        Assert.Equal(1, (int)poisoned["dequeue_count"]!);
    }

    [Fact]
    public async Task Decision_from_another_department_is_poisoned_and_the_right_one_still_decides()
    {
        var token = await host.CitizenTokenAsync("queue-citizen", "P2");
        using var submitted = await host.SendAsync(HttpMethod.Post, "api/v1/services/blue-badge/applications", token, ExampleApplications.For("blue-badge"));
        var caseId = (string)(await submitted.Content.ReadFromJsonAsync<JsonObject>())!["case_id"]!;
        await host.WaitForCaseAsync(caseId, token, c => (string?)c["status"] == "with_department", "with the department");

        var impostor = host.Department("environment-agency", "environment-agency-cases");
        var decisionId = "impostor-" + Guid.NewGuid().ToString("N");
        await impostor.DecideAsync(caseId, DecisionOutcomes.Approved, "Not ours to decide.", default, decisionId);
        var poisoned = await WaitForPoisonAsync(decisionId);
        Assert.StartsWith("wrong_department", (string?)poisoned["reason"], StringComparison.Ordinal);

        await host.Department("local-council-blue-badge", "blue-badge-cases").DecideAsync(caseId, DecisionOutcomes.Rejected, "Not eligible.", default);
        var done = await host.WaitForCaseAsync(caseId, token, c => (string?)c["status"] == "rejected", "rejected");
        Assert.Equal("Not eligible.", (string?)done["outcome"]!["reason"]);
    }

    private QueueClient Queue(string name) => host.Queues.GetQueueClient(name);

    private async Task<JsonObject> WaitForPoisonAsync(string containing)
    {
        var poison = Queue(QueueNames.PoisonOf(QueueNames.Decisions));
        await poison.CreateIfNotExistsAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            foreach (var message in (await poison.PeekMessagesAsync(32, deadline.Token)).Value)
            {
                var wrapped = JsonNode.Parse(message.Body.ToString())!.AsObject();
                if (((string?)wrapped["original_message"])?.Contains(containing, StringComparison.Ordinal) == true)
                    return wrapped;
            }
            await Task.Delay(100, deadline.Token);
        }
    }
}
