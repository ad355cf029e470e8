using Azure;
using Azure.Data.Tables;

namespace Serverless.Workflows.Notifications.Sandbox;

/// <summary>
/// The Notify sandbox's messages, in a storage table beside the task hub (never in memory): they survive a restart, as
/// Notify's would, and hold personalisation only where a test or the sample reads it back.
/// Partition = the Notify service id, row = the notification id. The table is reached on first use, so a host that never
/// serves the sandbox needs no storage for it.
/// </summary>
public sealed class NotifySandboxStore(Func<TableServiceClient> tables)
{
    private readonly Lazy<Task<TableClient>> _table = new(async () =>
    {
        var table = tables().GetTableClient("sandboxnotifications");
        await table.CreateIfNotExistsAsync().ConfigureAwait(false);
        return table;
    });

    public async Task AddAsync(SandboxNotification notification, CancellationToken cancellationToken)
    {
        var table = await _table.Value.ConfigureAwait(false);
        await table.AddEntityAsync(notification.ToEntity(), cancellationToken).ConfigureAwait(false);
    }

    public async Task SetStatusAsync(SandboxNotification notification, string status, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var table = await _table.Value.ConfigureAwait(false);
        await table.UpdateEntityAsync(
            new TableEntity(notification.ServiceId, notification.Id) { ["Status"] = status, ["CompletedAt"] = at }, ETag.All, TableUpdateMode.Merge,
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<SandboxNotification?> FindAsync(string serviceId, string id, CancellationToken cancellationToken)
    {
        var table = await _table.Value.ConfigureAwait(false);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(serviceId, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity.HasValue ? SandboxNotification.FromEntity(entity.Value!) : null;
    }

    /// <summary>One service's messages with this reference, newest first (Notify's order), at most <paramref name="limit"/>.</summary>
    public Task<IReadOnlyList<SandboxNotification>> ByReferenceAsync(string serviceId, string reference, int limit, CancellationToken cancellationToken) =>
        QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {serviceId} and Reference eq {reference}"), limit, cancellationToken);

    /// <summary>Every service's messages for a case (references <c>{case id}:…</c>), oldest first.</summary>
    public async Task<IReadOnlyList<SandboxNotification>> ForCaseAsync(string caseId, int limit, CancellationToken cancellationToken) =>
        [.. (await QueryAsync(TableClient.CreateQueryFilter($"Reference ge {caseId + ":"} and Reference lt {caseId + ";"}"), limit, cancellationToken)
            .ConfigureAwait(false)).Reverse()];

    private async Task<IReadOnlyList<SandboxNotification>> QueryAsync(string filter, int limit, CancellationToken cancellationToken)
    {
        var table = await _table.Value.ConfigureAwait(false);
        var found = new List<SandboxNotification>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            found.Add(SandboxNotification.FromEntity(entity));
            if (found.Count == limit)
                break;
        }
        return [.. found.OrderByDescending(n => n.CreatedAt)];
    }
}

/// <summary>A message as the sandbox holds it. <see cref="Body"/> stands in for the rendered template.</summary>
public sealed record SandboxNotification(
    string ServiceId, string Id, string Type, string TemplateId, string Recipient, string? Reference, string Body, string Status,
    DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt)
{
    internal TableEntity ToEntity() => new(ServiceId, Id)
    {
        ["Type"] = Type, ["TemplateId"] = TemplateId, ["Recipient"] = Recipient, ["Reference"] = Reference, ["Body"] = Body,
        ["Status"] = Status, ["CreatedAt"] = CreatedAt, ["CompletedAt"] = CompletedAt,
    };

    internal static SandboxNotification FromEntity(TableEntity e) => new(
        e.PartitionKey, e.RowKey, e.GetString("Type"), e.GetString("TemplateId"), e.GetString("Recipient"), e.GetString("Reference"),
        e.GetString("Body"), e.GetString("Status"), e.GetDateTimeOffset("CreatedAt") ?? default, e.GetDateTimeOffset("CompletedAt"));
}
