using DurableTask.Core.History;
using Newtonsoft.Json.Linq;
using Serverless.SelfHost.Engine;

namespace Serverless.Integration.Tests.EndToEnd.Journeys;

/// <summary>Reads a journey's history from the self-host's task hub (DurableTask.AzureStorage's history table).</summary>
public static class JourneyHistories
{
    /// <summary>
    /// The history once the journey is at rest: its last episode ended and none of its activities is still running, so
    /// the next thing it does depends on an event or timer from outside. Polls, with a deadline.
    /// </summary>
    public static async Task<JArray> WaitUntilAtRestAsync(DurableTaskCoreEngine engine, string caseId, Func<JArray, bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        JArray? last = null;
        while (!deadline.IsCancellationRequested)
        {
            var state = await engine.Client.GetOrchestrationStateAsync(caseId);
            if (state is not null)
            {
                last = JArray.Parse(await engine.Client.GetOrchestrationHistoryAsync(state.OrchestrationInstance));
                if (AtRest(last) && condition(last))
                    return last;
            }
            await Task.Delay(200, CancellationToken.None);
        }
        throw new TimeoutException($"Journey {caseId} never came to rest: {what}. Last history: {last?.Count} events.");
    }

    public static IEnumerable<string> Scheduled(JArray history) =>
        history.Where(e => (int)e["EventType"]! == (int)EventType.TaskScheduled).Select(e => (string)e["Name"]!);

    public static bool Has(JArray history, EventType type) => history.Any(e => (int)e["EventType"]! == (int)type);

    private static bool AtRest(JArray history)
    {
        if (history.Count == 0 || (int)history[^1]!["EventType"]! != (int)EventType.OrchestratorCompleted)
            return false;
        var scheduled = history.Where(e => (int)e["EventType"]! == (int)EventType.TaskScheduled).Select(e => (int)e["EventId"]!).ToHashSet();
        var finished = history.Where(e => (int)e["EventType"]! is (int)EventType.TaskCompleted or (int)EventType.TaskFailed)
            .Select(e => (int)e["TaskScheduledId"]!).ToHashSet();
        return scheduled.SetEquals(finished);
    }
}
