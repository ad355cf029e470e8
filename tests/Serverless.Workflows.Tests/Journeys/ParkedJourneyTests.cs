using Serverless.Workflows.Cases;
using Serverless.Workflows.Departments;
using Serverless.Workflows.Journeys;
using Serverless.Workflows.Journeys.Activities;
using Serverless.Workflows.Payments;
using Serverless.Workflows.Notifications;
using Serverless.Workflows.Telemetry;
using Serverless.Workflows.Tests.Fakes;
using static Serverless.Workflows.Tests.Journeys.TestDefinitions;

namespace Serverless.Workflows.Tests.Journeys;

/// <summary>ServiceJourney_v2: a step that exhausts its retries parks the journey for ops; nothing is lost or dropped.</summary>
public sealed class ParkedJourneyTests
{
    [Fact]
    public async Task Step_that_exhausts_its_retries_parks_the_case_for_ops_and_an_operator_retry_runs_it_again()
    {
        await using var journey = await StartAsync(Shipped());
        journey.Get<PlatformOutage>().FailingMessageTypes.Add(MessageTypes.Submitted);
        var caseId = await SubmitAsync(journey, BlueBadge);

        var parked = await journey.WaitForStatusAsync(caseId, CaseStatus.NeedsAttention);
        Assert.Equal(nameof(HandOffActivity), parked.Attention!.FailedStep);
        Assert.True(parked.HasMilestone(TimelineMilestones.NeedsAttention));
        await journey.WaitForSignalAsync(TelemetryNames.JourneyNeedsAttention, nameof(HandOffActivity));
        Assert.DoesNotContain(journey.Telemetry.Signals, s => s.Name == TelemetryNames.JourneyFailed);
        Assert.False((await journey.Client.GetInstanceAsync(caseId))!.IsCompleted);

        journey.Get<PlatformOutage>().End();
        Assert.Equal(OperatorActionResult.Raised, await journey.Get<OperatorActions>().RetryAsync(caseId, "ops-1", "queue restored", journey.Journeys, default));

        var resumed = await journey.WaitForStatusAsync(caseId, CaseStatus.WithDepartment);
        Assert.Null(resumed.Attention);
        await journey.WaitForMessageAsync(caseId, MessageTypes.Submitted);
        await journey.DecideAsync(caseId, DecisionOutcomes.Approved);
        Assert.Equal(CaseStatus.Approved, (await journey.WaitForJourneyEndAsync(caseId)).ReadOutputAs<JourneyOutcome>()!.Status);
        Assert.True((await journey.Cases.FindAsync(caseId, default))!.HasMilestone(TimelineMilestones.OperatorRetried));
    }

    [Fact]
    public async Task Repeated_operator_action_on_one_park_is_recorded_and_raised_once_and_the_other_action_is_refused()
    {
        await using var journey = await StartAsync(Shipped());
        journey.Get<PlatformOutage>().FailingMessageTypes.Add(MessageTypes.Submitted);
        var caseId = await SubmitAsync(journey, BlueBadge);
        await journey.WaitForStatusAsync(caseId, CaseStatus.NeedsAttention);
        var actions = journey.Get<OperatorActions>();
        var held = new HeldEvents();

        Assert.Equal(OperatorActionResult.Raised, await actions.RetryAsync(caseId, "ops-1", "queue restored", held, default));
        Assert.Equal(OperatorActionResult.AlreadyRaised, await actions.RetryAsync(caseId, "ops-2", "queue restored", held, default));
        Assert.Equal(OperatorActionResult.OtherActionPending, await actions.WithdrawAsync(caseId, "ops-2", "changed my mind", held, default));

        Assert.Equal(1, held.Raised);
        var entry = Assert.Single((await journey.Cases.FindAsync(caseId, default))!.Timeline, t => t.Milestone == TimelineMilestones.OperatorRetried);
        Assert.Equal((Actors.Operator("ops-1"), "queue restored"), (entry.Actor, entry.Reason));
    }

    [Fact]
    public async Task Operator_terminate_of_a_parked_paid_case_ends_its_orchestration_and_closes_and_refunds_the_case_once()
    {
        await using var journey = await StartAsync(Shipped());
        var caseId = await ParkPaidCaseAsync(journey);
        var termination = journey.Get<OperatorTermination>();

        Assert.Equal(OperatorTerminationResult.Terminated, await termination.TerminateAsync(caseId, "ops-1", "duplicate application", journey.Journeys, default));
        Assert.Equal(OperatorTerminationResult.AlreadyTerminated, await termination.TerminateAsync(caseId, "ops-1", "duplicate application", journey.Journeys, default));

        Assert.Equal(Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Terminated, (await journey.WaitForJourneyEndAsync(caseId)).RuntimeStatus);
        var closed = (await journey.Cases.FindAsync(caseId, default))!;
        Assert.Equal((CaseStatus.Closed, CloseReasons.Terminated), (closed.Status, closed.Outcome));
        Assert.NotNull(closed.Payment!.RefundId);
        Assert.Null(closed.Attention);
        var entry = Assert.Single(closed.Timeline, t => t.Milestone == TimelineMilestones.OperatorTerminated);
        Assert.Equal((Actors.Operator("ops-1"), "duplicate application"), (entry.Actor, entry.Reason));
    }

    [Fact]
    public async Task Operator_terminate_of_a_decided_case_is_refused()
    {
        await using var journey = await StartAsync(Shipped());
        var caseId = await SubmitAsync(journey, BlueBadge);
        await journey.WaitForStatusAsync(caseId, CaseStatus.WithDepartment);
        await journey.DecideAsync(caseId, DecisionOutcomes.Approved);
        await journey.WaitForJourneyEndAsync(caseId);

        Assert.Equal(OperatorTerminationResult.Finished, await journey.Get<OperatorTermination>().TerminateAsync(caseId, "ops-1", "mistake", journey.Journeys, default));
        Assert.Equal(CaseStatus.Approved, (await journey.Cases.FindAsync(caseId, default))!.Status);
    }

    /// <summary>A paid Fishing case whose hand-off fails until it parks.</summary>
    private static async Task<string> ParkPaidCaseAsync(JourneyHarness journey)
    {
        journey.Get<PlatformOutage>().FailingMessageTypes.Add(MessageTypes.Submitted);
        var caseId = await SubmitAsync(journey, Fishing);
        await journey.WaitForStatusAsync(caseId, CaseStatus.AwaitingPayment);
        Assert.Equal(200, await journey.PaymentWebhookAsync(caseId, PayEventTypes.Succeeded));
        await journey.WaitForStatusAsync(caseId, CaseStatus.NeedsAttention);
        return caseId;
    }

    /// <summary>Counts the events an operator action raises and holds them back, so the journey stays parked.</summary>
    private sealed class HeldEvents : IJourneyClient
    {
        public int Raised { get; private set; }
        public Task<bool> StartIfAbsentAsync(string caseId, CancellationToken cancellationToken) => Task.FromResult(false);
        public Task<bool> ExistsAsync(string caseId, CancellationToken cancellationToken) => Task.FromResult(true);
        public Task<JourneyRuntime?> DescribeAsync(string caseId, CancellationToken cancellationToken) => Task.FromResult<JourneyRuntime?>(null);

        public Task TerminateAsync(string caseId, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task RaiseEventAsync(string caseId, string eventName, object payload, CancellationToken cancellationToken)
        {
            Raised++;
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Withdrawn_parked_paid_case_is_closed_and_refunded()
    {
        await using var journey = await StartAsync(Shipped());
        var caseId = await ParkPaidCaseAsync(journey);

        Assert.Equal(OperatorActionResult.Raised, await journey.Get<OperatorActions>().WithdrawAsync(caseId, "ops-1", "citizen asked to withdraw", journey.Journeys, default));

        var end = await journey.WaitForJourneyEndAsync(caseId);
        Assert.Equal(new JourneyOutcome(CaseStatus.Closed, CloseReasons.Withdrawn), end.ReadOutputAs<JourneyOutcome>());
        var closed = (await journey.Cases.FindAsync(caseId, default))!;
        Assert.Equal((CaseStatus.Closed, CloseReasons.Withdrawn), (closed.Status, closed.Outcome));
        Assert.NotNull(closed.Payment!.RefundId);
        Assert.Null(closed.Attention);
    }

    [Fact]
    public async Task Decision_for_a_parked_case_is_held_and_taken_after_the_operator_retry()
    {
        await using var journey = await StartAsync(Fast(remindAfter: "PT1S", decideWithin: "PT1M"));
        journey.Get<PlatformOutage>().FailingMessageTypes.Add(MessageTypes.Reminder);
        var caseId = await SubmitAsync(journey, BlueBadge);
        var parked = await journey.WaitForStatusAsync(caseId, CaseStatus.NeedsAttention);
        Assert.Equal((nameof(RemindDepartmentActivity), CaseStatus.WithDepartment), (parked.Attention!.FailedStep, parked.Attention.ParkedFrom));

        Assert.Equal(DecisionIntakeResult.Accepted, await journey.DecideAsync(caseId, DecisionOutcomes.Approved, decisionId: "held-1"));
        Assert.Empty(journey.Queues.Poisoned);
        Assert.Equal(CaseStatus.NeedsAttention, (await journey.Cases.FindAsync(caseId, default))!.Status);

        journey.Get<PlatformOutage>().End();
        await journey.Get<OperatorActions>().RetryAsync(caseId, "ops-1", "queue restored", journey.Journeys, default);

        Assert.Equal(CaseStatus.Approved, (await journey.WaitForJourneyEndAsync(caseId)).ReadOutputAs<JourneyOutcome>()!.Status);
        Assert.Equal("held-1", (await journey.Cases.FindAsync(caseId, default))!.Decision!.DecisionId);
    }

    [Fact]
    public async Task Notify_outage_does_not_hold_back_a_decision_and_its_failure_is_recorded_and_alerted()
    {
        await using var journey = await StartAsync(Shipped());
        journey.Get<PlatformOutage>().FailingMilestones.Add(Milestones.Approved);
        var caseId = await SubmitAsync(journey, BlueBadge);
        await journey.WaitForStatusAsync(caseId, CaseStatus.WithDepartment);

        await journey.DecideAsync(caseId, DecisionOutcomes.Approved);

        Assert.Equal(CaseStatus.Approved, (await journey.WaitForJourneyEndAsync(caseId)).ReadOutputAs<JourneyOutcome>()!.Status);
        var record = (await journey.Cases.FindAsync(caseId, default))!;
        Assert.Equal(CaseStatus.Approved, record.Status);
        Assert.True(record.HasMilestone(TimelineMilestones.NotificationFailed + ":" + Milestones.Approved));
        Assert.Null(record.Attention);
        Assert.Contains(journey.Telemetry.Signals, s => s.Name == TelemetryNames.NotificationFailed && s.Detail == $"{Milestones.Approved}:{NotificationStatuses.NotSent}");
        Assert.DoesNotContain(journey.Telemetry.Signals, s => s.Name == TelemetryNames.JourneyNeedsAttention);
    }

    [Fact]
    public async Task Case_records_the_orchestrator_version_that_runs_its_journey()
    {
        await using var journey = await StartAsync(Shipped());
        var caseId = await SubmitAsync(journey, BlueBadge);

        Assert.Equal(JourneyVersions.V2, (await journey.WaitForStatusAsync(caseId, CaseStatus.WithDepartment)).OrchestratorVersion);
    }

    [Fact]
    public async Task Operator_action_on_a_case_that_is_not_parked_is_refused_and_raises_nothing()
    {
        await using var journey = await StartAsync(Shipped());
        var caseId = await SubmitAsync(journey, BlueBadge);
        await journey.WaitForStatusAsync(caseId, CaseStatus.WithDepartment);

        Assert.Equal(OperatorActionResult.NotParked, await journey.Get<OperatorActions>().WithdrawAsync(caseId, "ops-1", "mistake", journey.Journeys, default));
        Assert.Equal(OperatorActionResult.NotFound, await journey.Get<OperatorActions>().RetryAsync("case-none", "ops-1", "mistake", journey.Journeys, default));

        await journey.DecideAsync(caseId, DecisionOutcomes.Approved);
        Assert.Equal(CaseStatus.Approved, (await journey.WaitForJourneyEndAsync(caseId)).ReadOutputAs<JourneyOutcome>()!.Status);
    }

    private static Task<JourneyHarness> StartAsync(IDefinitionCatalog catalog) =>
        JourneyHarness.StartAsync(JourneyVersions.V2, catalog, overrides: PlatformOutage.Register);

    private static async Task<string> SubmitAsync(JourneyHarness journey, string serviceId)
    {
        var (status, caseId, body) = await journey.SubmitAsync(serviceId, ExampleApplications.For(serviceId), level: "P2");
        Assert.True(status == 202, body.ToJsonString());
        return caseId!;
    }
}
