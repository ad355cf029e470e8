using System.Data.Common;
using System.Net;
using System.Net.Security;
using Azure.Core;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Serverless.Workflows.Configuration;

namespace Serverless.Workflows.Cases.Cosmos;

/// <summary>
/// The one <see cref="CosmosClient"/> of the process, and whether it talks to the local emulator.
/// Gateway mode over HTTPS with pooled keep-alive connections (one <see cref="SocketsHttpHandler"/> shared by every
/// request); the emulator's self-signed certificate is accepted only for a key-based connection to a loopback address.
/// </summary>
public sealed class CosmosAccount : IDisposable
{
    /// <summary>The emulator's well-known key (public, documented by Microsoft; not a secret).</summary>
    public const string EmulatorKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    private readonly SocketsHttpHandler handler;

    private CosmosAccount(CosmosClient client, SocketsHttpHandler handler, bool isEmulator)
    {
        Client = client;
        this.handler = handler;
        IsEmulator = isEmulator;
    }

    public CosmosClient Client { get; }

    /// <summary>True for a key-based connection to a loopback endpoint: the local Cosmos-compatible emulator.</summary>
    public bool IsEmulator { get; }

    /// <summary>
    /// Connects as the <see cref="ConnectionNames.CosmosDb"/> connection says: a connection string locally, or
    /// <c>CosmosDb__accountEndpoint</c> with a managed identity in Azure (no keys).
    /// </summary>
    public static CosmosAccount Connect(IConfiguration configuration)
    {
        var connection = AzureConnection.Resolve(configuration, ConnectionNames.CosmosDb, ConnectionKeys.AccountEndpoint);
        if (connection.ConnectionString is { } connectionString)
            return FromConnectionString(connectionString);
        return FromCredential(connection.ServiceUri!, connection.Credential!);
    }

    public static CosmosAccount FromConnectionString(string connectionString)
    {
        var parts = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!parts.TryGetValue("AccountEndpoint", out var endpointValue) || !parts.TryGetValue("AccountKey", out var keyValue))
            throw new InvalidOperationException($"The '{ConnectionNames.CosmosDb}' connection string needs AccountEndpoint and AccountKey.");

        var endpoint = new Uri((string)endpointValue);
        var isEmulator = IsLoopback(endpoint);
        if (isEmulator)
            UseLocalQueryPlans();
        var handler = CreateHandler(isEmulator);
        var client = new CosmosClient(endpoint.ToString(), (string)keyValue, CreateOptions(handler, isEmulator));
        return new CosmosAccount(client, handler, isEmulator);
    }

    public static CosmosAccount FromCredential(Uri endpoint, TokenCredential credential)
    {
        var handler = CreateHandler(acceptSelfSignedCertificate: false);
        var client = new CosmosClient(endpoint.ToString(), credential, CreateOptions(handler, isEmulator: false));
        return new CosmosAccount(client, handler, isEmulator: false);
    }

    public void Dispose()
    {
        Client.Dispose();
        handler.Dispose();
    }

    /// <summary>
    /// The SDK's switch for planning cross-partition queries in-process on Linux (off by default there).
    /// </summary>
    public const string LocalQueryPlanVariable = "AZURE_COSMOS_USE_QUERY_PLAN_INTEROP_LINUX";

    /// <summary>
    /// The emulator has no query-plan endpoint: without a local plan every cross-partition query (worklists, sweeps) fails
    /// with 400 "missing partition keys". The SDK has no client option for it, only this process-wide variable, which it
    /// reads on each query (Cosmos SDK 3.64), so it is set here, in the process that queries, before its first client.
    /// Only for the emulator: against Azure the gateway plans queries and the process environment is left as it was.
    /// </summary>
    private static void UseLocalQueryPlans() => Environment.SetEnvironmentVariable(LocalQueryPlanVariable, "true");

    private static CosmosClientOptions CreateOptions(SocketsHttpHandler handler, bool isEmulator) => new()
    {
        ApplicationName = "serverless-cases",
        // Gateway everywhere: HTTPS only, few connections, no Direct-mode TCP port ranges on Flex Consumption.
        ConnectionMode = ConnectionMode.Gateway,
        // The emulator advertises no regional endpoints the client could reach.
        LimitToEndpoint = isEmulator,
        Serializer = new CosmosSystemTextJsonSerializer(),
        // Every HttpClient the SDK asks for shares the one pooled handler, so connections are kept alive and reused.
        HttpClientFactory = () => new HttpClient(handler, disposeHandler: false),
    };

    private static SocketsHttpHandler CreateHandler(bool acceptSelfSignedCertificate)
    {
        var handler = new SocketsHttpHandler
        {
            // Keep connections open between requests, but recycle them so DNS changes (failover) are picked up.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            MaxConnectionsPerServer = 64,
            AutomaticDecompression = DecompressionMethods.None,
        };
        if (acceptSelfSignedCertificate)
            handler.SslOptions.RemoteCertificateValidationCallback = AcceptEmulatorCertificate;
        return handler;
    }

    /// <summary>The emulator's certificate is self-signed for another name: accept chain and name errors, and only those.</summary>
    private static bool AcceptEmulatorCertificate(object sender, System.Security.Cryptography.X509Certificates.X509Certificate? certificate,
        System.Security.Cryptography.X509Certificates.X509Chain? chain, SslPolicyErrors errors) =>
        certificate is not null
        && (errors & ~(SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch)) == SslPolicyErrors.None;

    private static bool IsLoopback(Uri endpoint) =>
        endpoint.IsLoopback || (IPAddress.TryParse(endpoint.Host, out var address) && IPAddress.IsLoopback(address));
}
