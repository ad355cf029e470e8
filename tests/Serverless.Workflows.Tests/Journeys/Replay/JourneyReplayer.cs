using DurableTask.Core;
using DurableTask.Core.Command;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging.Abstractions;

namespace Serverless.Workflows.Tests.Journeys.Replay;

/// <summary>
/// Replays a recorded history against an orchestrator's current code, episode by episode, with DurableTask.Core's own
/// executor and the same shim the self-host runs (Temporal's replayer, on this engine). For each episode the code gets
/// the history before it plus the episode's incoming events (completions, timers, external events), and the actions it
/// schedules must be exactly the ones the engine recorded in that episode: same kind, name and order, and timers for
/// the same instant. This does not lean on the engine's own non-determinism check alone: a history that the engine
/// would replay leniently still fails here if the code would now do something else.
/// </summary>
public static class JourneyReplayer
{
    private static readonly DurableTaskShimFactory Shims = new(new DurableTaskWorkerOptions(), NullLoggerFactory.Instance);

    /// <summary>The mismatches, one line per episode that differs; empty when the code replays the history exactly.</summary>
    public static IReadOnlyList<string> Replay(RecordedHistory history, Func<ITaskOrchestrator> create)
    {
        var events = history.Events;
        var starts = Enumerable.Range(0, events.Count).Where(i => events[i].EventType == EventType.OrchestratorStarted).Append(events.Count).ToList();
        var mismatches = new List<string>();
        for (var episode = 0; episode < starts.Count - 1; episode++)
        {
            var recorded = events.Skip(starts[episode]).Take(starts[episode + 1] - starts[episode]).ToList();
            var state = new OrchestrationRuntimeState(events.Take(starts[episode]).ToList());
            foreach (var incoming in recorded.Where(e => Describe(e) is null && e.EventType != EventType.OrchestratorCompleted))
                state.AddEvent(incoming);

            var orchestration = Shims.CreateOrchestration(new TaskName(history.Orchestrator), create(), parent: null);
            var executor = new TaskOrchestrationExecutor(state, orchestration, BehaviorOnContinueAsNew.Carryover, ErrorPropagationMode.SerializeExceptions);
            var expected = recorded.Select(Describe).OfType<string>().ToList();
            var actual = executor.Execute().Actions.Select(Describe).ToList();
            if (!expected.SequenceEqual(actual, StringComparer.Ordinal))
                mismatches.Add($"episode {episode + 1}: recorded [{string.Join(", ", expected)}], the code now does [{string.Join(", ", actual)}]");
        }
        return mismatches;
    }

    /// <summary>An action the orchestrator took, as recorded; null for events that came to it from outside.</summary>
    private static string? Describe(HistoryEvent e) => e switch
    {
        TaskScheduledEvent task => "activity " + task.Name,
        TimerCreatedEvent timer => "timer " + Instant(timer.FireAt),
        SubOrchestrationInstanceCreatedEvent sub => "sub-orchestration " + sub.Name,
        EventSentEvent sent => "send " + sent.Name,
        ExecutionCompletedEvent completed => "complete " + completed.OrchestrationStatus,
        _ => null,
    };

    private static string Describe(OrchestratorAction action) => action switch
    {
        ScheduleTaskOrchestratorAction task => "activity " + task.Name,
        CreateTimerOrchestratorAction timer => "timer " + Instant(timer.FireAt),
        CreateSubOrchestrationAction sub => "sub-orchestration " + sub.Name,
        SendEventOrchestratorAction sent => "send " + sent.EventName,
        OrchestrationCompleteOrchestratorAction completed => "complete " + completed.OrchestrationStatus
            + (completed.OrchestrationStatus == OrchestrationStatus.Failed ? $" ({completed.FailureDetails?.ErrorMessage ?? completed.Details})" : ""),
        _ => action.GetType().Name,
    };

    private static string Instant(DateTime at) =>
        (at.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : at.ToUniversalTime()).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
}
