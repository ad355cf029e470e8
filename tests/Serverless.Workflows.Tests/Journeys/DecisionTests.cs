using Serverless.Workflows.Cases;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Departments;
using Serverless.Workflows.Journeys;
using Serverless.Workflows.Telemetry;
using static Serverless.Workflows.Tests.Journeys.TestDefinitions;

namespace Serverless.Workflows.Tests.Journeys;

public class DecisionTests
{
    /// <summary>The version the tests start journeys on; <see cref="DecisionTestsOnV1"/> runs them all again on the frozen v1.</summary>
    protected virtual string Orchestrator => JourneyVersions.Current;

    [Fact]
    public async Task Identity_below_the_required_level_is_refused_before_anything_is_stored()
    {
        await using var journey = await JourneyHarness.StartAsync(Orchestrator, Shipped());
        var (status, caseId, body) = await journey.SubmitAsync(BlueBadge, ExampleApplications.For(BlueBadge), level: "P1", idempotencyKey: "too-low");

        Assert.Equal(403, status);
        Assert.Null(caseId);
        Assert.Equal("identity-level-too-low", ((string?)body["type"])?.Split('/')[^1]);
        var claim = await journey.Cases.ClaimIdempotencyKeyAsync(new IdempotencyClaim(BlueBadge, "too-low", "unclaimed", "none"), default);
        Assert.Equal("unclaimed", claim.CaseId); // The refused submission claimed nothing and stored no case.
    }

    [Fact]
    public async Task Answered_request_for_information_goes_back_to_the_department()
    {
        await using var journey = await JourneyHarness.StartAsync(Orchestrator, Shipped());
        var caseId = await FreeCaseWithDepartmentAsync(journey);
        var before = (await journey.Cases.FindAsync(caseId, default))!.Department!.DueAt;

        await journey.DecideAsync(caseId, DecisionOutcomes.InformationRequested, "Please describe how far you can walk.", decisionId: "rfi-1");
        var waiting = await journey.WaitForStatusAsync(caseId, CaseStatus.AwaitingInformation);
        Assert.Equal("Please describe how far you can walk.", waiting.InformationRequests.Single().Reason);
        Assert.Equal(404, await journey.AnswerAsync(caseId, "Not my case.", subject: "someone-else"));

        Assert.Equal(202, await journey.AnswerAsync(caseId, "About 20 metres, with a stick."));

        var back = await journey.WaitForStatusAsync(caseId, CaseStatus.WithDepartment);
        Assert.True(back.Department!.DueAt > before); // The SLA clock paused while the citizen answered.
        var answer = await journey.WaitForMessageAsync(caseId, MessageTypes.InformationProvided);
        Assert.Equal("About 20 metres, with a stick.", (string?)answer.Data["answer"]!["response"]);

        await journey.DecideAsync(caseId, DecisionOutcomes.Approved);
        Assert.Equal(CaseStatus.Approved, (await journey.WaitForJourneyEndAsync(caseId)).ReadOutputAs<JourneyOutcome>()!.Status);
    }

    [Fact]
    public async Task Unanswered_request_for_information_closes_the_case_at_its_deadline()
    {
        await using var journey = await JourneyHarness.StartAsync(Orchestrator, Fast(remindAfter: "PT1M", decideWithin: "PT2M", respondWithin: "PT1S"));
        var caseId = await FreeCaseWithDepartmentAsync(journey);

        await journey.DecideAsync(caseId, DecisionOutcomes.InformationRequested, "Send a photo of your current badge.");

        var end = await journey.WaitForJourneyEndAsync(caseId);
        Assert.Equal(new JourneyOutcome(CaseStatus.Closed, CloseReasons.InformationNotProvided), end.ReadOutputAs<JourneyOutcome>());
    }

    [Fact]
    public async Task Decision_from_the_wrong_department_is_poisoned_and_the_journey_waits_on()
    {
        await using var journey = await JourneyHarness.StartAsync(Orchestrator, Shipped());
        var caseId = await FreeCaseWithDepartmentAsync(journey);

        Assert.Equal(DecisionIntakeResult.Refused, await journey.DecideAsync(caseId, DecisionOutcomes.Approved, department: "environment-agency"));
        var poisoned = Assert.Single(journey.Queues.Poisoned);
        Assert.Equal(QueueNames.Decisions, poisoned.Queue);
        Assert.StartsWith("wrong_department", poisoned.Message.Reason, StringComparison.Ordinal);

        // Even an event raised straight at the journey is ignored when it names another department.
        await journey.Journeys.RaiseEventAsync(caseId, JourneyEvents.Decision, new DecisionMade("forged", "environment-agency", DecisionOutcomes.Approved), default);
        await journey.DecideAsync(caseId, DecisionOutcomes.Rejected, "Not eligible.");

        Assert.Equal(CaseStatus.Rejected, (await journey.WaitForJourneyEndAsync(caseId)).ReadOutputAs<JourneyOutcome>()!.Status);
    }

    [Fact]
    public async Task Duplicate_decision_is_harmless()
    {
        await using var journey = await JourneyHarness.StartAsync(Orchestrator, Shipped());
        var caseId = await FreeCaseWithDepartmentAsync(journey);
        await journey.DecideAsync(caseId, DecisionOutcomes.InformationRequested, "Which town?", decisionId: "rfi-1");
        await journey.WaitForStatusAsync(caseId, CaseStatus.AwaitingInformation);
        await journey.AnswerAsync(caseId, "Exampleton");
        await journey.WaitForStatusAsync(caseId, CaseStatus.WithDepartment);

        // The department's system resends the earlier request (same id): the journey must not ask the citizen again.
        await journey.Journeys.RaiseEventAsync(caseId, JourneyEvents.Decision, new DecisionMade("rfi-1", "local-council-blue-badge", DecisionOutcomes.InformationRequested), default);
        await journey.DecideAsync(caseId, DecisionOutcomes.Approved, decisionId: "final");

        Assert.Equal(CaseStatus.Approved, (await journey.WaitForJourneyEndAsync(caseId)).ReadOutputAs<JourneyOutcome>()!.Status);
        Assert.Single((await journey.Cases.FindAsync(caseId, default))!.InformationRequests);
    }

    [Fact]
    public async Task Decision_for_a_finished_case_is_dropped()
    {
        await using var journey = await JourneyHarness.StartAsync(Orchestrator, Shipped());
        var caseId = await FreeCaseWithDepartmentAsync(journey);
        await journey.DecideAsync(caseId, DecisionOutcomes.Approved, decisionId: "first");
        await journey.WaitForJourneyEndAsync(caseId);
        await journey.WaitForStatusAsync(caseId, CaseStatus.Approved);

        Assert.Equal(DecisionIntakeResult.Ignored, await journey.DecideAsync(caseId, DecisionOutcomes.Rejected, decisionId: "late"));

        Assert.Empty(journey.Queues.Poisoned);
        Assert.Equal(CaseStatus.Approved, (await journey.Cases.FindAsync(caseId, default))!.Status);
    }

    [Fact]
    public async Task Slow_department_is_reminded_then_the_case_is_escalated()
    {
        await using var journey = await JourneyHarness.StartAsync(Orchestrator, Fast(remindAfter: "PT1S", decideWithin: "PT2S"));
        var caseId = await FreeCaseWithDepartmentAsync(journey);

        var escalated = await journey.WaitForCaseAsync(caseId, c => c.Department?.EscalatedAt is not null, "escalated");
        Assert.True(escalated.HasMilestone(TimelineMilestones.DepartmentReminded));
        await journey.WaitForMessageAsync(caseId, MessageTypes.Reminder);
        await journey.WaitForCaseAsync(caseId, _ => journey.Telemetry.Signals.Any(s => s.Name == TelemetryNames.SlaBreached), "SLA breach signalled");
        Assert.Equal(CaseStatus.WithDepartment, escalated.Status); // Escalation marks the case; the journey keeps waiting.

        await journey.DecideAsync(caseId, DecisionOutcomes.Approved);
        Assert.Equal(CaseStatus.Approved, (await journey.WaitForJourneyEndAsync(caseId)).ReadOutputAs<JourneyOutcome>()!.Status);
    }

    private static async Task<string> FreeCaseWithDepartmentAsync(JourneyHarness journey)
    {
        var (status, caseId, body) = await journey.SubmitAsync(BlueBadge, ExampleApplications.For(BlueBadge), level: "P2");
        Assert.True(status == 202, body.ToJsonString());
        await journey.WaitForStatusAsync(caseId!, CaseStatus.WithDepartment);
        return caseId!;
    }
}
