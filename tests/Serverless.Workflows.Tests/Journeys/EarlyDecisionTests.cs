using Serverless.Workflows.Cases;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Departments;
using Serverless.Workflows.Journeys;
using Serverless.Workflows.Payments;
using static Serverless.Workflows.Tests.Journeys.TestDefinitions;

namespace Serverless.Workflows.Tests.Journeys;

public sealed class EarlyDecisionTests
{
    [Fact]
    public async Task Decision_for_a_case_still_awaiting_payment_is_tried_again_later_and_then_stands()
    {
        await using var journey = await JourneyHarness.StartAsync(JourneyVersions.Current, Shipped());
        var (_, caseId, _) = await journey.SubmitAsync(Fishing, ExampleApplications.For(Fishing), level: "P1");
        await journey.WaitForStatusAsync(caseId!, CaseStatus.AwaitingPayment);

        // Early, or read from a replica that has not seen the hand-off yet: not poison, but later.
        Assert.Equal(DecisionIntakeResult.Deferred,
            await journey.DecideAsync(caseId!, DecisionOutcomes.Approved, "Licence issued.", department: "environment-agency"));

        Assert.Empty(journey.Queues.Poisoned);
        var (queue, message, delay) = Assert.Single(journey.Queues.Requeued);
        Assert.Equal((QueueNames.Decisions, DecisionIntake.DeferDelay), (queue, delay));
        Assert.Equal(200, await journey.PaymentWebhookAsync(caseId!, PayEventTypes.Succeeded));
        await journey.WaitForStatusAsync(caseId!, CaseStatus.WithDepartment);

        // The copy comes round again once visible, and this time the case is with the department.
        Assert.Equal(DecisionIntakeResult.Accepted, await journey.Get<DecisionIntake>().HandleAsync(message, 1, journey.Journeys, CancellationToken.None));
        Assert.Equal(CaseStatus.Approved, (await journey.WaitForJourneyEndAsync(caseId!)).ReadOutputAs<JourneyOutcome>()!.Status);
        Assert.Empty(journey.Queues.Poisoned);
    }

    [Fact]
    public async Task Decision_for_a_case_that_can_no_longer_reach_the_department_goes_to_poison()
    {
        await using var journey = await JourneyHarness.StartAsync(JourneyVersions.Current, Shipped());
        var (_, caseId, _) = await journey.SubmitAsync(BlueBadge, ExampleApplications.For(BlueBadge));
        await journey.WaitForStatusAsync(caseId!, CaseStatus.WithDepartment);
        await journey.DecideAsync(caseId!, DecisionOutcomes.InformationRequested, "Send a photo of your current badge.");
        await journey.WaitForStatusAsync(caseId!, CaseStatus.AwaitingInformation);

        Assert.Equal(DecisionIntakeResult.Refused, await journey.DecideAsync(caseId!, DecisionOutcomes.Approved));

        Assert.Empty(journey.Queues.Requeued);
        Assert.StartsWith("case_not_awaiting_decision", Assert.Single(journey.Queues.Poisoned).Message.Reason, StringComparison.Ordinal);
    }
}
