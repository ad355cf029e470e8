namespace Serverless.Workflows.Configuration;

/// <summary>The identity-based keys under a connection (<c>{Name}__{key}</c>), as the Functions runtime names them.</summary>
public static class ConnectionKeys
{
    public const string BlobServiceUri = "blobServiceUri";
    public const string QueueServiceUri = "queueServiceUri";
    public const string TableServiceUri = "tableServiceUri";
    public const string AccountEndpoint = "accountEndpoint";

    /// <summary>Read by the Functions host's bindings ('managedidentity'); the code's clients use a managed identity anyway.</summary>
    public const string Credential = "credential";

    /// <summary>Which user-assigned identity to use.</summary>
    public const string ClientId = "clientId";
}
