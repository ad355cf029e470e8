using Serverless.Workflows.Departments;
using Serverless.Workflows.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace Serverless.Workflows.Tests.Fakes;

/// <summary>
/// A platform outage for tests on the in-memory engine: department messages of the given types, or notifications for
/// the given milestones, fail until <see cref="End"/>. Everything else reaches the recording fakes.
/// </summary>
public sealed class PlatformOutage(RecordingDepartmentQueues queues, RecordingNotificationSender notify) : IDepartmentQueues, INotificationSender
{
    private volatile bool _ended;

    public HashSet<string> FailingMessageTypes { get; } = [];
    public HashSet<string> FailingMilestones { get; } = [];

    public void End() => _ended = true;

    /// <summary>Registers the outage in front of the department queues and Notify.</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<PlatformOutage>();
        services.AddSingleton<IDepartmentQueues>(sp => sp.GetRequiredService<PlatformOutage>());
        services.AddSingleton<INotificationSender>(sp => sp.GetRequiredService<PlatformOutage>());
    }

    public Task SendAsync(string queue, CloudEvent message, CancellationToken cancellationToken) =>
        !_ended && FailingMessageTypes.Contains(message.Type)
            ? throw new IOException($"Injected outage: {queue} is unavailable.")
            : queues.SendAsync(queue, message, cancellationToken);

    public Task<string> SendAsync(NotificationMessage message, CancellationToken cancellationToken) =>
        !_ended && FailingMilestones.Contains(message.Reference.Split(':')[1])
            ? throw new IOException("Injected outage: Notify is unavailable.")
            : notify.SendAsync(message, cancellationToken);

    public Task<string?> FindSentAsync(string account, string reference, CancellationToken cancellationToken) =>
        notify.FindSentAsync(account, reference, cancellationToken);

    public Task RequeueAsync(string queue, string message, TimeSpan delay, CancellationToken cancellationToken) =>
        queues.RequeueAsync(queue, message, delay, cancellationToken);

    public Task SendToPoisonAsync(string queue, PoisonMessage message, CancellationToken cancellationToken) =>
        queues.SendToPoisonAsync(queue, message, cancellationToken);

    public Task<int> ApproximateDepthAsync(string queue, CancellationToken cancellationToken) => queues.ApproximateDepthAsync(queue, cancellationToken);
}
