using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serverless.Workflows.Departments;
using Serverless.Workflows.Journeys;

namespace Serverless.Integration.Tests.EndToEnd.Journeys;

/// <summary>The department queues, down for a department's cases until <see cref="End"/> is called (a platform outage).</summary>
public sealed class DepartmentQueueOutage(IDepartmentQueues inner, string failingQueue) : IDepartmentQueues
{
    private volatile bool _ended;

    public void End() => _ended = true;

    /// <summary>
    /// Services for a self-host whose hand-offs to <paramref name="failingQueue"/> fail, with retry windows short enough
    /// for the step to exhaust them and park the journey in seconds (production's are tens of minutes).
    /// </summary>
    public static Action<IServiceCollection> ParkingJourneysOn(string failingQueue, Action<DepartmentQueueOutage> started) => services =>
    {
        services.Replace(ServiceDescriptor.Singleton(JourneyRetryPolicies.Uniform(new RetryPolicy(2, TimeSpan.FromMilliseconds(200)))));
        services.Replace(ServiceDescriptor.Singleton<IDepartmentQueues>(sp =>
        {
            var outage = new DepartmentQueueOutage(ActivatorUtilities.CreateInstance<StorageDepartmentQueues>(sp), failingQueue);
            started(outage);
            return outage;
        }));
    };

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
