using System.Collections.Concurrent;
using Serverless.Workflows.Notifications;

namespace Serverless.Workflows.Tests.Fakes;

/// <summary>
/// Records what the journey sends, for the in-memory engine's tests (no HTTP there). The Notify adapter itself is tested
/// end to end against the Notify sandbox in the integration tests.
/// </summary>
public sealed class RecordingNotificationSender : INotificationSender
{
    private readonly ConcurrentQueue<SentNotification> _sent = new();

    public Task<string> SendAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString();
        _sent.Enqueue(new SentNotification(id, message));
        return Task.FromResult(id);
    }

    public Task<string?> FindSentAsync(string account, string reference, CancellationToken cancellationToken) =>
        Task.FromResult(_sent.FirstOrDefault(n => n.Message.Account == account && n.Message.Reference == reference)?.NotificationId);

    /// <summary>Messages whose reference starts with the case id, oldest first.</summary>
    public IReadOnlyList<SentNotification> ForCase(string caseId) =>
        [.. _sent.Where(n => n.Message.Reference.StartsWith(caseId + ":", StringComparison.Ordinal))];
}

public sealed record SentNotification(string NotificationId, NotificationMessage Message);
