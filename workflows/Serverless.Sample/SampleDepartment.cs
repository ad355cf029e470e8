using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Departments;

namespace Serverless.Sample;

/// <summary>
/// A department's back-office system as it would integrate: it reads case messages from its own queue, checks each
/// against the published contract, and puts its decision on the decisions queue as a CloudEvent.
/// </summary>
public sealed class SampleDepartment(QueueServiceClient queues, string departmentId, string queueName)
{
    private readonly MessageContracts _contracts = MessageContracts.Load();

    /// <summary>Waits for the next message about <paramref name="caseId"/> on the department's queue, and removes it.</summary>
    public async Task<JsonObject> ReceiveAsync(string caseId, string type, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var queue = queues.GetQueueClient(queueName);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            foreach (var message in (await queue.ReceiveMessagesAsync(16, TimeSpan.FromSeconds(5), deadline.Token).ConfigureAwait(false)).Value)
            {
                var json = JsonNode.Parse(message.MessageText)!.AsObject();
                if ((string?)json["subject"] != caseId || (string?)json["type"] != type)
                    continue; // Another case's message: it becomes visible again for whoever handles it.
                var errors = _contracts.Validate(type, JsonSerializer.SerializeToElement(json));
                if (errors.Count > 0)
                    throw new InvalidOperationException($"Message breaks the {type} contract: {string.Join("; ", errors)}");
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, deadline.Token).ConfigureAwait(false);
                return json;
            }
            await Task.Delay(200, deadline.Token).ConfigureAwait(false);
        }
    }

    public async Task DecideAsync(string caseId, string outcome, string reason, CancellationToken cancellationToken, string? decisionId = null)
    {
        var decisions = queues.GetQueueClient(QueueNames.Decisions);
        await decisions.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var decision = new CloudEvent
        {
            Id = decisionId ?? Guid.NewGuid().ToString(),
            Source = $"/departments/{departmentId}",
            Type = MessageTypes.Decision,
            Subject = caseId,
            Time = DateTimeOffset.UtcNow,
            Data = new JsonObject { ["department_id"] = departmentId, ["outcome"] = outcome, ["reason"] = reason },
        };
        // As departments should: a decision waits on the queue however long the platform is away.
        await decisions.SendMessageAsync(decision.ToJson(), visibilityTimeout: null, StorageDepartmentQueues.NeverExpires, cancellationToken).ConfigureAwait(false);
    }
}
