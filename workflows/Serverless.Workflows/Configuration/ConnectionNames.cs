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
}
