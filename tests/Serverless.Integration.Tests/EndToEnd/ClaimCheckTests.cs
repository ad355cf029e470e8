using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Departments;

namespace Serverless.Integration.Tests.EndToEnd;

/// <summary>
/// Orchestrations carry the case id, never the application: after a whole journey, nothing the citizen or department
/// wrote (application, answer, decision reasons) appears anywhere in the Durable task hub's tables, queues or blobs.
/// </summary>
[Collection(SelfHostCollection.Name)]
public sealed class ClaimCheckTests(SelfHostFixture host)
{
    private const string Development = "UseDevelopmentStorage=true";

    [Fact]
    public async Task Personal_data_never_reaches_the_durable_task_hub()
    {
        var canary = "Canary" + Guid.NewGuid().ToString("N")[..12];
        var token = await host.CitizenTokenAsync("claim-check-citizen", "P2");
        var application = ExampleApplications.For("blue-badge");
        application["applicant"]!["last_name"] = canary;
        application["eligibility"]!["description"] = "Walks with help from " + canary;
        using var submitted = await host.SendAsync(HttpMethod.Post, "api/v1/services/blue-badge/applications", token, application);
        var caseId = (string)(await submitted.Content.ReadFromJsonAsync<JsonObject>())!["case_id"]!;
        await host.WaitForCaseAsync(caseId, token, c => (string?)c["status"] == "with_department", "with the department");

        var department = host.Department("local-council-blue-badge", "blue-badge-cases");
        var handoff = await department.ReceiveAsync(caseId, MessageTypes.Submitted, TimeSpan.FromSeconds(30), default);
        Assert.Contains(canary, handoff.ToJsonString(), StringComparison.Ordinal); // The department does get the data.
        await department.DecideAsync(caseId, DecisionOutcomes.InformationRequested, $"Tell us more, {canary}.", default);
        await host.WaitForCaseAsync(caseId, token, c => (string?)c["status"] == "awaiting_information", "awaiting information");
        using var answered = await host.SendAsync(HttpMethod.Post, $"api/v1/applications/{caseId}/information", token, new JsonObject { ["response"] = "From " + canary });
        await host.WaitForCaseAsync(caseId, token, c => (string?)c["status"] == "with_department", "back with the department");
        await department.DecideAsync(caseId, DecisionOutcomes.Rejected, $"Sorry {canary}.", default);
        await host.WaitForCaseAsync(caseId, token, c => (string?)c["status"] == "rejected", "rejected");

        var scanned = await ScanTaskHubAsync(host.TaskHubName);

        Assert.True(scanned.Items > 10, $"Only {scanned.Items} task hub items were found: the scan is not looking in the right place.");
        Assert.Contains(caseId, scanned.Text, StringComparison.Ordinal); // The hub does hold the journey, by case id.
        Assert.DoesNotContain(canary, scanned.Text, StringComparison.Ordinal);
    }

    /// <summary>Every table row, queue message and blob of the task hub, as one text.</summary>
    private static async Task<(string Text, int Items)> ScanTaskHubAsync(string hub)
    {
        var text = new StringBuilder();
        var items = 0;
        var tables = new TableServiceClient(Development);
        await foreach (var table in tables.QueryAsync())
        {
            if (!table.Name.StartsWith(hub, StringComparison.OrdinalIgnoreCase))
                continue;
            await foreach (var entity in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                items++;
                foreach (var property in entity)
                    text.Append(property.Value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : property.Value?.ToString()).Append('\n');
            }
        }
        await foreach (var queue in HubQueues().GetQueuesAsync(prefix: hub.ToLowerInvariant()))
        {
            foreach (var message in (await HubQueues().GetQueueClient(queue.Name).PeekMessagesAsync(32)).Value)
            {
                items++;
                text.Append(message.Body).Append('\n');
            }
        }
        var blobs = new BlobServiceClient(Development);
        await foreach (var container in blobs.GetBlobContainersAsync(prefix: hub.ToLowerInvariant()))
        {
            var client = blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync())
            {
                items++;
                text.Append((await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content).Append('\n');
            }
        }
        return (text.ToString(), items);

        static Azure.Storage.Queues.QueueServiceClient HubQueues() => new(Development);
    }
}
