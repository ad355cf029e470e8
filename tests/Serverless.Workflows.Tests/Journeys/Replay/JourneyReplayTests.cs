using Microsoft.DurableTask;
using Serverless.Workflows.Journeys;
using Serverless.Workflows.Journeys.Activities;
using Serverless.Workflows.Journeys.V1;
using Serverless.Workflows.Journeys.V2;

namespace Serverless.Workflows.Tests.Journeys.Replay;

/// <summary>
/// Every recorded history replays against the code registered today under the name it ran under. A released
/// orchestrator whose awaits, activity names or timers change without a new name fails here, as it would fail every
/// journey in flight on it.
/// </summary>
public sealed class JourneyReplayTests
{
    public static TheoryData<string> Fixtures() => [.. RecordedHistory.Files];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Recorded_history_replays_on_the_orchestrator_registered_under_its_name(string fixture)
    {
        var history = RecordedHistory.Load(fixture);
        Assert.True(JourneyVersions.Orchestrators.TryGetValue(history.Orchestrator, out var type),
            $"No orchestrator is registered as '{history.Orchestrator}': journeys in flight on it would never finish.");

        var mismatches = JourneyReplayer.Replay(history, () => Create(type, history.Retry));

        Assert.True(mismatches.Count == 0, $"{fixture} no longer replays:{Environment.NewLine}{string.Join(Environment.NewLine, mismatches)}");
    }

    [Fact]
    public void Every_branch_of_every_version_has_a_recorded_history()
    {
        string[] branches = ["completed_paid_approved", "waiting_for_payment", "waiting_for_decision", "waiting_for_information"];
        var expected = branches.Select(b => $"{JourneyVersions.V1}.{b}.json")
            .Concat(branches.Append("parked").Select(b => $"{JourneyVersions.V2}.{b}.json"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, RecordedHistory.Files);
    }

    [Fact]
    public void Replay_catches_an_orchestrator_that_reorders_its_awaits()
    {
        var history = RecordedHistory.Load($"{JourneyVersions.V1}.waiting_for_decision.json");

        var mismatches = JourneyReplayer.Replay(history, () => new HandsOffBeforeOpening());

        Assert.StartsWith("episode 1: recorded [activity OpenCaseActivity], the code now does [activity HandOffActivity]", Assert.Single(mismatches.Take(1)));
    }

    [Fact]
    public void Replay_catches_an_orchestrator_that_changes_a_timer()
    {
        var history = RecordedHistory.Load($"{JourneyVersions.V1}.waiting_for_payment.json");

        var mismatches = JourneyReplayer.Replay(history, () => new WaitsAnHourLongerForPayment());

        Assert.Contains(mismatches, m => m.StartsWith("episode 2: recorded [timer ", StringComparison.Ordinal));
    }

    private static ITaskOrchestrator Create(Type type, RetryPolicy? retry) => type == typeof(ServiceJourneyV1)
        ? new ServiceJourneyV1()
        : type == typeof(ServiceJourneyV2)
            ? new ServiceJourneyV2(retry is null ? JourneyRetryPolicies.Production : JourneyRetryPolicies.Uniform(retry))
            : throw new InvalidOperationException($"Add {type.Name} to the replay tests' factory.");

    /// <summary>v1 with two awaits swapped: the change the replay test exists to catch.</summary>
    private sealed class HandsOffBeforeOpening : TaskOrchestrator<string, JourneyOutcome>
    {
        public override async Task<JourneyOutcome> RunAsync(TaskOrchestrationContext context, string caseId)
        {
            await context.CallActivityAsync<DepartmentDeadlines>(nameof(HandOffActivity), caseId);
            await context.CallActivityAsync<OpenedJourney>(nameof(OpenCaseActivity), caseId);
            return new JourneyOutcome("approved", null);
        }
    }

    /// <summary>v1's first steps with the payment timer an hour later.</summary>
    private sealed class WaitsAnHourLongerForPayment : TaskOrchestrator<string, JourneyOutcome>
    {
        public override async Task<JourneyOutcome> RunAsync(TaskOrchestrationContext context, string caseId)
        {
            var opened = await context.CallActivityAsync<OpenedJourney>(nameof(OpenCaseActivity), caseId);
            await context.CreateTimer(opened.PaymentExpiresAt!.Value.UtcDateTime.AddHours(1), CancellationToken.None);
            return new JourneyOutcome("closed", null);
        }
    }
}
