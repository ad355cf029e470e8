using Azure.Storage.Queues;
using Serverless.Workflows.Departments;

namespace Serverless.Integration.Tests.Queues;

/// <summary>The department queues on Azurite: what the platform sends must wait however long a department is away.</summary>
public sealed class DepartmentQueueTests : IAsyncLifetime
{
    private readonly QueueServiceClient service = new("UseDevelopmentStorage=true", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
    private readonly string queue = "ttl-test-" + Guid.NewGuid().ToString("N")[..12];
    private StorageDepartmentQueues Queues => new(service);

    [Fact]
    public async Task Department_messages_never_expire()
    {
        await Queues.SendAsync(queue, new CloudEvent
        {
            Id = "msg-1", Source = "/serverless", Type = MessageTypes.Submitted, Subject = "case-1", Time = DateTimeOffset.UtcNow, Data = [],
        }, CancellationToken.None);

        var message = Assert.Single((await service.GetQueueClient(queue).ReceiveMessagesAsync(1)).Value);
        Assert.True(message.ExpiresOn > DateTimeOffset.UtcNow.AddYears(100), $"expires {message.ExpiresOn:O}");
    }

    [Fact]
    public async Task Poison_messages_never_expire()
    {
        await Queues.SendToPoisonAsync(queue, new PoisonMessage("malformed: test", "{}", 1), CancellationToken.None);

        var message = Assert.Single((await service.GetQueueClient(queue + "-poison").ReceiveMessagesAsync(1)).Value);
        Assert.True(message.ExpiresOn > DateTimeOffset.UtcNow.AddYears(100), $"expires {message.ExpiresOn:O}");
    }

    [Fact]
    public async Task A_requeued_message_stays_hidden_for_its_delay_and_never_expires()
    {
        await Queues.RequeueAsync(queue, "{\"id\":\"dec-1\"}", TimeSpan.FromHours(1), CancellationToken.None);

        var client = service.GetQueueClient(queue);
        Assert.Empty((await client.ReceiveMessagesAsync(1)).Value);
        Assert.Equal(1, (await client.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await service.GetQueueClient(queue).DeleteIfExistsAsync();
        await service.GetQueueClient(queue + "-poison").DeleteIfExistsAsync();
    }
}
