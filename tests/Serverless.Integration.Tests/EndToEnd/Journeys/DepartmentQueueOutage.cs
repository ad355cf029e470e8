using Serverless.Workflows.Departments;

namespace Serverless.Integration.Tests.EndToEnd.Journeys;

/// <summary>The department queues, down for a department's cases until <see cref="End"/> is called (a platform outage).</summary>
public sealed class DepartmentQueueOutage(IDepartmentQueues inner, string failingQueue) : IDepartmentQueues
{
    private volatile bool _ended;

    public void End() => _ended = true;

    public Task SendAsync(string queue, CloudEvent message, CancellationToken cancellationToken) =>
        !_ended && queue == failingQueue
            ? throw new IOException("Injected outage: the department queue is unavailable.")
            : inner.SendAsync(queue, message, cancellationToken);

    public Task RequeueAsync(string queue, string message, TimeSpan delay, CancellationToken cancellationToken) =>
        inner.RequeueAsync(queue, message, delay, cancellationToken);

    public Task SendToPoisonAsync(string queue, PoisonMessage message, CancellationToken cancellationToken) =>
        inner.SendToPoisonAsync(queue, message, cancellationToken);

    public Task<int> ApproximateDepthAsync(string queue, CancellationToken cancellationToken) => inner.ApproximateDepthAsync(queue, cancellationToken);
}
