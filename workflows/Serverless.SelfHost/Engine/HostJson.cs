using System.Text.Json.Nodes;

namespace Serverless.SelfHost.Engine;

/// <summary>
/// The self-host reads the Functions app's own host.json, so both hosts run with the same task hub settings and the
/// same queue trigger semantics (maxDequeueCount, visibility timeout).
/// </summary>
public sealed record HostJson(
    string HubName,
    bool ExtendedSessionsEnabled,
    TimeSpan ExtendedSessionIdleTimeout,
    int PartitionCount,
    TimeSpan MaxQueuePollingInterval,
    int QueueMaxDequeueCount,
    TimeSpan QueueVisibilityTimeout,
    TimeSpan QueueMaxPollingInterval,
    int QueueBatchSize,
    TimeSpan ControlQueueVisibilityTimeout,
    TimeSpan WorkItemQueueVisibilityTimeout)
{
    /// <summary>DurableTask.AzureStorage's default for both visibility timeouts, as the Durable extension has it.</summary>
    public static readonly TimeSpan DefaultVisibilityTimeout = TimeSpan.FromMinutes(5);

    public static HostJson Load(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidOperationException($"{path} is empty.");
        var durable = root["extensions"]?["durableTask"];
        var storage = durable?["storageProvider"];
        var queues = root["extensions"]?["queues"];
        return new HostJson(
            HubName: (string?)durable?["hubName"] ?? "TestHubName",
            ExtendedSessionsEnabled: (bool?)durable?["extendedSessionsEnabled"] ?? false,
            ExtendedSessionIdleTimeout: TimeSpan.FromSeconds((int?)durable?["extendedSessionIdleTimeoutInSeconds"] ?? 30),
            PartitionCount: (int?)storage?["partitionCount"] ?? 4,
            MaxQueuePollingInterval: TimeSpan.Parse((string?)storage?["maxQueuePollingInterval"] ?? "00:00:30", System.Globalization.CultureInfo.InvariantCulture),
            QueueMaxDequeueCount: (int?)queues?["maxDequeueCount"] ?? 5,
            QueueVisibilityTimeout: TimeSpan.Parse((string?)queues?["visibilityTimeout"] ?? "00:00:00", System.Globalization.CultureInfo.InvariantCulture),
            QueueMaxPollingInterval: TimeSpan.Parse((string?)queues?["maxPollingInterval"] ?? "00:01:00", System.Globalization.CultureInfo.InvariantCulture),
            QueueBatchSize: (int?)queues?["batchSize"] ?? 16,
            ControlQueueVisibilityTimeout: Duration(storage?["controlQueueVisibilityTimeout"], DefaultVisibilityTimeout),
            WorkItemQueueVisibilityTimeout: Duration(storage?["workItemQueueVisibilityTimeout"], DefaultVisibilityTimeout));
    }

    private static TimeSpan Duration(JsonNode? value, TimeSpan fallback) =>
        (string?)value is { } text ? TimeSpan.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : fallback;
}
