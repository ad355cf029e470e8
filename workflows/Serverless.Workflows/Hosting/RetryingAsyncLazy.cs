namespace Serverless.Workflows.Hosting;

/// <summary>
/// A value made once, asynchronously, on first use (a queue or table created on first use). Unlike
/// <c>Lazy&lt;Task&lt;T&gt;&gt;</c>, an attempt that faulted or was cancelled is not kept: the next caller tries again,
/// so a storage outage at startup does not break the process for its whole life. Concurrent callers share one attempt.
/// </summary>
public sealed class RetryingAsyncLazy<T>(Func<CancellationToken, Task<T>> create)
{
    private readonly Lock _gate = new();
    private Task<T>? _attempt;

    public Task<T> GetAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_attempt is null || _attempt.IsFaulted || _attempt.IsCanceled)
                _attempt = StartAsync(cancellationToken);
            return _attempt;
        }
    }

    /// <summary>Yields first, so the factory never runs under the lock and a synchronous throw becomes a faulted attempt.</summary>
    private async Task<T> StartAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        return await create(cancellationToken).ConfigureAwait(false);
    }
}
