using System.Collections.Concurrent;

namespace Serverless.Workflows.Notifications;

/// <summary>
/// The Notify sandbox: records every message instead of sending it, so tests and the sample run can read what a citizen
/// would have received. Held in memory: it is a local stand-in, never used in Azure.
/// </summary>
public sealed class SandboxNotificationOutbox : INotificationSender
{
    private readonly ConcurrentQueue<SentNotification> _sent = new();

    public Task<string> SendAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString();
        _sent.Enqueue(new SentNotification(id, DateTimeOffset.UtcNow, message));
        return Task.FromResult(id);
    }

    public IReadOnlyList<SentNotification> Sent => [.. _sent];

    /// <summary>Messages whose reference starts with the case id, oldest first.</summary>
    public IReadOnlyList<SentNotification> ForCase(string caseId) =>
        [.. _sent.Where(n => n.Message.Reference.StartsWith(caseId + ":", StringComparison.Ordinal))];
}

public sealed record SentNotification(string NotificationId, DateTimeOffset SentAt, NotificationMessage Message);
