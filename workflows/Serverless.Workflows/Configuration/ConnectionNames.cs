namespace Serverless.Workflows.Configuration;

/// <summary>
/// Connection setting prefixes, shared by the Functions bindings (<c>Connection = ...</c>) and the SDK clients.
/// Locally each is an emulator connection string; in Azure it is the identity-based form
/// <c>{Name}__queueServiceUri</c> (or <c>__accountEndpoint</c>) with <c>__credential</c> and <c>__clientId</c>.
/// </summary>
public static class ConnectionNames
{
    /// <summary>Durable Task hub storage; the Functions host reads it too.</summary>
    public const string TaskHubStorage = "AzureWebJobsStorage";

    /// <summary>Storage queues shared with departments: case hand-offs out, decisions in, and their poison queues.</summary>
    public const string DepartmentQueues = "DepartmentQueues";

    /// <summary>The Cosmos DB account that holds case records.</summary>
    public const string CosmosDb = "CosmosDb";

    /// <summary>Every connection prefix, for the infra contract test.</summary>
    public static IReadOnlyList<string> All { get; } = [TaskHubStorage, DepartmentQueues, CosmosDb];

    /// <summary>
    /// The exact keys of each connection in Azure ({Name}__{key}): the endpoints the code resolves
    /// (<see cref="AzureConnection.Resolve"/>) or the Functions host reads, and the managed identity. The infra
    /// contract test holds the Function App's settings to these, name for name.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> IdentityKeys { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        // The host: blobs (locks, keys), queues and tables (Durable task hub); the code: tables (Pay sandbox ledger).
        [TaskHubStorage] = [ConnectionKeys.BlobServiceUri, ConnectionKeys.QueueServiceUri, ConnectionKeys.TableServiceUri, ConnectionKeys.Credential, ConnectionKeys.ClientId],
        // The code's queue client and the host's decisions queue trigger; blobs for documents handed off by reference.
        [DepartmentQueues] = [ConnectionKeys.QueueServiceUri, ConnectionKeys.BlobServiceUri, ConnectionKeys.Credential, ConnectionKeys.ClientId],
        [CosmosDb] = [ConnectionKeys.AccountEndpoint, ConnectionKeys.Credential, ConnectionKeys.ClientId],
    };
}
