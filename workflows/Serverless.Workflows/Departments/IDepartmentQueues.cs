namespace Serverless.Workflows.Departments;

/// <summary>The queues shared with departments (Azure Storage Queues; raw UTF-8 JSON, no base64).</summary>
public interface IDepartmentQueues
{
    Task SendAsync(string queue, CloudEvent message, CancellationToken cancellationToken);

    /// <summary>Puts a message (as received) back on a queue, visible again after <paramref name="delay"/>.</summary>
    Task RequeueAsync(string queue, string message, TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>Moves a message our code refused to <c>{queue}-poison</c>, wrapped with the reason.</summary>
    Task SendToPoisonAsync(string queue, PoisonMessage message, CancellationToken cancellationToken);

    /// <summary>Approximate number of messages waiting on a queue: the platform has no per-queue metric, so we measure it.</summary>
    Task<int> ApproximateDepthAsync(string queue, CancellationToken cancellationToken);
}

/// <summary>What lands in a poison queue when our code refuses a message: why, the message as it came, and how often it was tried.</summary>
public sealed record PoisonMessage(
    [property: System.Text.Json.Serialization.JsonPropertyName("reason")] string Reason,
    [property: System.Text.Json.Serialization.JsonPropertyName("original_message")] string OriginalMessage,
    [property: System.Text.Json.Serialization.JsonPropertyName("dequeue_count")] long DequeueCount);
