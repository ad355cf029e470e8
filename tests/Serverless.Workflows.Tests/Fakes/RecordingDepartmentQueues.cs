using System.Collections.Concurrent;
using Serverless.Workflows.Departments;

namespace Serverless.Workflows.Tests.Fakes;

/// <summary>Records what the journey sends to departments and what our code poisons, for tests on the in-memory engine.</summary>
public sealed class RecordingDepartmentQueues : IDepartmentQueues
{
    public ConcurrentQueue<(string Queue, CloudEvent Message)> Sent { get; } = new();
    public ConcurrentQueue<(string Queue, PoisonMessage Message)> Poisoned { get; } = new();
    public ConcurrentQueue<(string Queue, string Message, TimeSpan Delay)> Requeued { get; } = new();

    public Task SendAsync(string queue, CloudEvent message, CancellationToken cancellationToken)
    {
        Sent.Enqueue((queue, message));
        return Task.CompletedTask;
    }

    public Task RequeueAsync(string queue, string message, TimeSpan delay, CancellationToken cancellationToken)
    {
        Requeued.Enqueue((queue, message, delay));
        return Task.CompletedTask;
    }

    public Task SendToPoisonAsync(string queue, PoisonMessage message, CancellationToken cancellationToken)
    {
        Poisoned.Enqueue((queue, message));
        return Task.CompletedTask;
    }

    public Task<int> ApproximateDepthAsync(string queue, CancellationToken cancellationToken) =>
        Task.FromResult(queue.EndsWith("-poison", StringComparison.Ordinal) ? Poisoned.Count(p => p.Queue + "-poison" == queue) : 0);

    public IReadOnlyList<CloudEvent> For(string caseId) => [.. Sent.Where(s => s.Message.Subject == caseId).Select(s => s.Message)];
}
