using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Hosting;

namespace Serverless.Workflows.Departments;

/// <summary>Department queues on Azure Storage, through the <see cref="ConnectionNames.DepartmentQueues"/> connection.</summary>
public sealed class StorageDepartmentQueues(QueueServiceClient service) : IDepartmentQueues
{
    /// <summary>Messages to and from departments never expire: an offline department must not lose cases (the default is 7 days).</summary>
    public static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    private readonly ConcurrentDictionary<string, RetryingAsyncLazy<QueueClient>> _queues = new();

    public static QueueServiceClient CreateServiceClient(IConfiguration configuration)
    {
        var connection = AzureConnection.Resolve(configuration, ConnectionNames.DepartmentQueues, ConnectionKeys.QueueServiceUri);
        // Raw UTF-8 JSON on the wire, matching host.json's messageEncoding "none" for the Functions trigger.
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };
        return connection.ConnectionString is { } cs
            ? new QueueServiceClient(cs, options)
            : new QueueServiceClient(connection.ServiceUri, connection.Credential, options);
    }

    public async Task SendAsync(string queue, CloudEvent message, CancellationToken cancellationToken)
    {
        var client = await GetQueueAsync(queue, cancellationToken).ConfigureAwait(false);
        await client.SendMessageAsync(message.ToJson(), visibilityTimeout: null, NeverExpires, cancellationToken).ConfigureAwait(false);
    }

    public async Task RequeueAsync(string queue, string message, TimeSpan delay, CancellationToken cancellationToken)
    {
        var client = await GetQueueAsync(queue, cancellationToken).ConfigureAwait(false);
        await client.SendMessageAsync(message, delay, NeverExpires, cancellationToken).ConfigureAwait(false);
    }

    public async Task SendToPoisonAsync(string queue, PoisonMessage message, CancellationToken cancellationToken)
    {
        var client = await GetQueueAsync(QueueNames.PoisonOf(queue), cancellationToken).ConfigureAwait(false);
        await client.SendMessageAsync(JsonSerializer.Serialize(message), visibilityTimeout: null, NeverExpires, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> ApproximateDepthAsync(string queue, CancellationToken cancellationToken)
    {
        var client = await GetQueueAsync(queue, cancellationToken).ConfigureAwait(false);
        var properties = await client.GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
        return properties.Value.ApproximateMessagesCount;
    }

    public Task<QueueClient> GetQueueAsync(string queue, CancellationToken cancellationToken) =>
        _queues.GetOrAdd(queue, name => new RetryingAsyncLazy<QueueClient>(async token =>
        {
            // Bicep creates the queues in Azure; locally the first use creates them.
            var client = service.GetQueueClient(name);
            await client.CreateIfNotExistsAsync(cancellationToken: token).ConfigureAwait(false);
            return client;
        })).GetAsync(cancellationToken);
}
