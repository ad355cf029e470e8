using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Documents;

namespace Serverless.Workflows.Departments;

/// <summary>
/// The hand-off message for a case, inline when it fits on the queue and by claim check when it does not: the
/// application is stored as a document and the message links to it (<c>submitted.v2</c>). Evidence files always go as
/// links. Everything is measured as it is sent (<see cref="QueueMessageSize"/>).
/// </summary>
public sealed class DepartmentHandOff(IDocumentStore documents)
{
    public async Task<CloudEvent> SubmittedAsync(CaseRecord record, ServiceDefinition definition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var evidence = await EvidenceLinksAsync(record, cancellationToken).ConfigureAwait(false);
        var inline = DepartmentMessages.Submitted(record, definition, now, evidence);
        if (QueueMessageSize.Fits(inline))
            return inline;

        // The stored application is encoded exactly as it would have been inline, so a department parses it the same way.
        var application = BinaryData.FromString(record.Application?.ToJsonString(CloudEvent.SerializerOptions) ?? "null");
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(application));
        var name = EvidenceNames.ApplicationBlob(record.Id);
        await documents.PutAsync(name, application, "application/json", new Dictionary<string, string> { [EvidenceNames.Sha256Metadata] = sha256 }, cancellationToken)
            .ConfigureAwait(false);
        var link = await documents.ReadLinkAsync(name, cancellationToken).ConfigureAwait(false);
        var byReference = DepartmentMessages.SubmittedByReference(record, definition, now,
            ApplicationRef(link, application.ToMemory().Length, sha256), evidence);
        return QueueMessageSize.Fits(byReference)
            ? byReference
            : throw new InvalidOperationException($"Case {record.Id}: even by reference, the hand-off is {QueueMessageSize.Of(byReference):N0} bytes, over the queue's {QueueMessageSize.MaxBytes:N0}.");
    }

    /// <summary>
    /// Whether a case like this one can be handed off at all: inline, or else by reference with its evidence links
    /// (links measured at their longest). Checked at submission, so nothing is accepted that would fail at hand-off.
    /// </summary>
    public static bool CanCarry(CaseRecord record, ServiceDefinition definition, DateTimeOffset now)
    {
        var evidence = new JsonArray([.. record.Evidence.Select(e => EvidenceLink(e, LongestLink(now)))]);
        return QueueMessageSize.Fits(DepartmentMessages.Submitted(record, definition, now, evidence))
            || QueueMessageSize.Fits(DepartmentMessages.SubmittedByReference(record, definition, now, ApplicationRef(LongestLink(now), long.MaxValue, new string('0', 64)), evidence));
    }

    private async Task<JsonArray> EvidenceLinksAsync(CaseRecord record, CancellationToken cancellationToken)
    {
        var links = new JsonArray();
        foreach (var document in record.Evidence)
            links.Add(EvidenceLink(document, await documents.ReadLinkAsync(EvidenceNames.EvidenceBlob(document.EvidenceId), cancellationToken).ConfigureAwait(false)));
        return links;
    }

    private static JsonObject EvidenceLink(EvidenceDocument document, ReadLink link) => new()
    {
        ["evidence_id"] = document.EvidenceId,
        ["content_type"] = document.ContentType,
        ["size_bytes"] = document.SizeBytes,
        ["sha256"] = document.Sha256,
        ["url"] = link.Url.ToString(),
        ["expires_at"] = link.ExpiresAt.UtcDateTime,
    };

    private static JsonObject ApplicationRef(ReadLink link, long sizeBytes, string sha256) => new()
    {
        ["url"] = link.Url.ToString(),
        ["expires_at"] = link.ExpiresAt.UtcDateTime,
        ["content_type"] = "application/json",
        ["size_bytes"] = sizeBytes,
        ["sha256"] = sha256,
    };

    /// <summary>A user delegation SAS URL on a long account name is under 600 characters; 1,000 leaves room.</summary>
    private static ReadLink LongestLink(DateTimeOffset now) => new(new Uri("https://example.invalid/" + new string('x', 1000)), now);
}
