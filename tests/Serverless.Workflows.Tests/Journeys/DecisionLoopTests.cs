using Serverless.Workflows.Cases;
using Serverless.Workflows.Departments;
using Serverless.Workflows.Journeys;
using static Serverless.Workflows.Tests.Journeys.TestDefinitions;

namespace Serverless.Workflows.Tests.Journeys;

/// <summary>
/// ServiceJourney_v2's decision and information loops, where two v1 defects are fixed (v1 is frozen; its journeys keep
/// them). Pointing <see cref="Journey"/> at <see cref="JourneyVersions.V1"/> fails the duplicates test at v1's 500-round
/// cap. The waiter test passes on v1 too with the Microsoft.DurableTask 1.28 shims we run, which hand an event to the
/// newest waiter (LIFO), so v1's orphaned waiter is skipped there; v2 keeps one waiter and so does not depend on the order.
/// </summary>
public sealed class DecisionLoopTests
{
    private const string Journey = JourneyVersions.V2;

    [Fact]
    public async Task Answer_to_a_second_request_reaches_the_journey_after_the_first_request_timed_out()
    {
        await using var journey = await JourneyHarness.StartAsync(Journey, Fast(remindAfter: "PT1M", decideWithin: "PT2M", respondWithin: "PT3S"));
        var caseId = await FreeCaseWithDepartmentAsync(journey);

        // First request: the citizen's answer is saved as the deadline passes and its event is lost, so the journey's
        // timer wins and the closer finds the answer: the case goes back to the department. v1 leaves that timed-out
        // answer waiter first in line.
        await journey.DecideAsync(caseId, DecisionOutcomes.InformationRequested, "Which town?", decisionId: "rfi-1");
        await journey.WaitForStatusAsync(caseId, CaseStatus.AwaitingInformation);
        await journey.Cases.UpdateAsync(caseId, c =>
        {
            c.InformationRequests.Single().AnsweredAt = DateTimeOffset.UtcNow;
            return true;
        }, default);
        await journey.WaitForMessageAsync(caseId, MessageTypes.InformationProvided);
        await journey.WaitForStatusAsync(caseId, CaseStatus.WithDepartment);

        // Second request, answered at once: the answer must reach the journey, not the orphaned waiter.
        await journey.DecideAsync(caseId, DecisionOutcomes.InformationRequested, "Which street?", decisionId: "rfi-2");
        await journey.WaitForCaseAsync(caseId, c => c.InformationRequests.Count == 2 && c.Status == CaseStatus.AwaitingInformation, "second request");
        Assert.Equal(202, await journey.AnswerAsync(caseId, "High Street."));

        var back = await journey.WaitForCaseAsync(caseId, c => c.Status == CaseStatus.WithDepartment && c.InformationRequests.Count == 2, "back with the department");
        var second = back.InformationRequests[1];
        var returned = back.Timeline.Last(t => t.Milestone == TimelineMilestones.InformationProvided).At;
        // Taken by the journey when it came, not found by the closer after the deadline.
        Assert.True(returned < second.RespondBy, $"returned at {returned:O}, deadline {second.RespondBy:O}");
    }

    [Fact]
    public async Task Ignored_duplicate_decisions_do_not_use_up_the_journeys_rounds()
    {
        await using var journey = await JourneyHarness.StartAsync(Journey, Shipped());
        var caseId = await FreeCaseWithDepartmentAsync(journey);
        await journey.DecideAsync(caseId, DecisionOutcomes.InformationRequested, "Which town?", decisionId: "rfi-1");
        await journey.WaitForStatusAsync(caseId, CaseStatus.AwaitingInformation);
        Assert.Equal(202, await journey.AnswerAsync(caseId, "Leeds."));
        await journey.WaitForStatusAsync(caseId, CaseStatus.WithDepartment);

        // A department resending the same message 520 times: more than v1's 500 rounds, fewer than v2's cap on ignored ones.
        for (var resend = 0; resend < 520; resend++)
            await journey.DecideAsync(caseId, DecisionOutcomes.InformationRequested, "Which town?", decisionId: "rfi-1");
        await journey.DecideAsync(caseId, DecisionOutcomes.Approved);

        var end = await journey.WaitForJourneyEndAsync(caseId);
        Assert.True(end.FailureDetails is null, end.FailureDetails?.ErrorMessage);
        Assert.Equal(CaseStatus.Approved, end.ReadOutputAs<JourneyOutcome>()!.Status);
    }

    private static async Task<string> FreeCaseWithDepartmentAsync(JourneyHarness journey)
    {
        var (status, caseId, body) = await journey.SubmitAsync(BlueBadge, ExampleApplications.For(BlueBadge), level: "P2");
        Assert.True(status == 202, body.ToJsonString());
        await journey.WaitForStatusAsync(caseId!, CaseStatus.WithDepartment);
        return caseId!;
    }
}
