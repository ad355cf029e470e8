using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Departments;

namespace Serverless.Sample;

/// <summary>
/// A department's back-office system as it would integrate: it reads case messages from its own queue, checks each
/// against the published contract, follows the read links to a large application and to evidence files, and puts its
/// decision on the decisions queue as a CloudEvent.
/// </summary>
public sealed class SampleDepartment(QueueServiceClient queues, string departmentId, string queueName)
{
    /// <summary>Read links carry their own signature: a plain client with no credentials reads them.</summary>
    private static readonly HttpClient Links = new();
    private readonly MessageContracts _contracts = MessageContracts.Load();

    /// <summary>A new case arrives as <c>submitted.v1</c> (application inline) or <c>submitted.v2</c> (application by reference).</summary>
    private static readonly string[] SubmittedTypes = [MessageTypes.Submitted, MessageTypes.SubmittedByReference];

    /// <summary>
    /// Waits for the next message about <paramref name="caseId"/> on the department's queue, and removes it. Asking for
    /// <see cref="MessageTypes.Submitted"/> takes either version of a new case; read it with <see cref="ReadApplicationAsync"/>.
    /// </summary>
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
                var received = (string?)json["type"] ?? "";
                var wanted = type == MessageTypes.Submitted ? SubmittedTypes.Contains(received) : received == type;
                if ((string?)json["subject"] != caseId || !wanted)
                    continue; // Another case's message: it becomes visible again for whoever handles it.
                var errors = _contracts.Validate(received, JsonSerializer.SerializeToElement(json));
                if (errors.Count > 0)
                    throw new InvalidOperationException($"Message breaks the {received} contract: {string.Join("; ", errors)}");
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, deadline.Token).ConfigureAwait(false);
                return json;
            }
            await Task.Delay(200, deadline.Token).ConfigureAwait(false);
        }
    }

    /// <summary>The application of a new-case message: inline (v1), or fetched through its read link and checked (v2).</summary>
    public static async Task<JsonObject> ReadApplicationAsync(JsonObject message, CancellationToken cancellationToken)
    {
        var data = message["data"]!.AsObject();
        if (data["application"] is JsonObject inline)
            return inline;
        var content = await FetchAsync(data["application_ref"]!.AsObject(), cancellationToken).ConfigureAwait(false);
        return JsonNode.Parse(content)!.AsObject();
    }

    /// <summary>Each evidence file of a new-case message, fetched through its read link and checked against its hash.</summary>
    public static async Task<IReadOnlyList<(string EvidenceId, string ContentType, byte[] Content)>> ReadEvidenceAsync(JsonObject message, CancellationToken cancellationToken)
    {
        var files = new List<(string, string, byte[])>();
        foreach (var link in message["data"]!["evidence"]?.AsArray() ?? [])
            files.Add(((string)link!["evidence_id"]!, (string)link["content_type"]!, await FetchAsync(link.AsObject(), cancellationToken).ConfigureAwait(false)));
        return files;
    }

    private static async Task<byte[]> FetchAsync(JsonObject link, CancellationToken cancellationToken)
    {
        var content = await Links.GetByteArrayAsync(new Uri((string)link["url"]!), cancellationToken).ConfigureAwait(false);
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        return sha256 == (string?)link["sha256"]
            ? content
            : throw new InvalidOperationException($"The document at the link does not match its sha256 ({content.Length} bytes read).");
    }

    public async Task DecideAsync(string caseId, string outcome, string reason, CancellationToken cancellationToken, string? decisionId = null)
    {
        var decisions = queues.GetQueueClient(QueueNames.Decisions);
        await decisions.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        // As departments should: a decision waits on the queue however long the platform is away.
        await decisions.SendMessageAsync(Decision(caseId, outcome, reason, decisionId), visibilityTimeout: null, StorageDepartmentQueues.NeverExpires, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>A decision as this department sends it: a <c>case.decision.v1</c> CloudEvent, as JSON.</summary>
    public string Decision(string caseId, string outcome, string reason, string? decisionId = null) => new CloudEvent
    {
        Id = decisionId ?? Guid.NewGuid().ToString(),
        Source = $"/departments/{departmentId}",
        Type = MessageTypes.Decision,
        Subject = caseId,
        Time = DateTimeOffset.UtcNow,
        Data = new JsonObject { ["department_id"] = departmentId, ["outcome"] = outcome, ["reason"] = reason },
    }.ToJson();
}
