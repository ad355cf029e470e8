using Serverless.Workflows.Cases;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Departments;
using Serverless.Workflows.Journeys;
using Serverless.Workflows.Payments;
using static Serverless.Workflows.Tests.Journeys.TestDefinitions;

namespace Serverless.Workflows.Tests.Journeys;

/// <summary>Queues and webhooks deliver at least once and out of order: every repeat must be harmless.</summary>
public class RedeliveryTests
{
    /// <summary>The version the tests start journeys on; <see cref="RedeliveryTestsOnV1"/> runs them all again on the frozen v1.</summary>
    protected virtual string Orchestrator => JourneyVersions.Current;

    [Fact]
    public async Task Redelivered_request_for_information_is_not_poisoned_while_the_citizen_answers()
    {
        await using var journey = await JourneyHarness.StartAsync(Orchestrator, Shipped());
        var (_, caseId, _) = await journey.SubmitAsync(BlueBadge, ExampleApplications.For(BlueBadge));
        await journey.WaitForStatusAsync(caseId!, CaseStatus.WithDepartment);
        await journey.DecideAsync(caseId!, DecisionOutcomes.InformationRequested, "Which town?", decisionId: "rfi-1");
        await journey.WaitForStatusAsync(caseId!, CaseStatus.AwaitingInformation);

        Assert.Equal(DecisionIntakeResult.Ignored, await journey.DecideAsync(caseId!, DecisionOutcomes.InformationRequested, "Which town?", decisionId: "rfi-1"));

        Assert.Empty(journey.Queues.Poisoned);
        Assert.Single((await journey.Cases.FindAsync(caseId!, default))!.DecisionsReceived);
    }

    [Fact]
    public async Task Answer_sent_twice_is_accepted_once()
    {
        await using var journey = await JourneyHarness.StartAsync(Orchestrator, Shipped());
        var (_, caseId, _) = await journey.SubmitAsync(BlueBadge, ExampleApplications.For(BlueBadge));
        await journey.WaitForStatusAsync(caseId!, CaseStatus.WithDepartment);
        await journey.DecideAsync(caseId!, DecisionOutcomes.InformationRequested, "Which town?");
        await journey.WaitForStatusAsync(caseId!, CaseStatus.AwaitingInformation);

        Assert.Equal(202, await journey.AnswerAsync(caseId!, "Exampleton"));
        // Resent while the case still waits: accepted again (the first answer stands). Once it is back with the
        // department: 409, nothing to answer. Either way the journey moves once, on the first answer.
        Assert.Contains(await journey.AnswerAsync(caseId!, "A second, different answer"), new[] { 202, 409 });

        var back = await journey.WaitForStatusAsync(caseId!, CaseStatus.WithDepartment);
        Assert.Equal("Exampleton", (string?)back.InformationRequests.Single().Answer!["response"]);
        await journey.WaitForMessageAsync(caseId!, MessageTypes.InformationProvided);
        Assert.Single(journey.Queues.For(caseId!), m => m.Type == MessageTypes.InformationProvided);
    }

    [Fact]
    public async Task Payment_that_succeeds_after_the_case_closed_is_refunded()
    {
        await using var journey = await JourneyHarness.StartAsync(Orchestrator, Shipped(), paymentLifetime: TimeSpan.FromSeconds(1));
        var (_, caseId, _) = await journey.SubmitAsync(Fishing, ExampleApplications.For(Fishing));
        await journey.WaitForJourneyEndAsync(caseId!);
        await journey.WaitForStatusAsync(caseId!, CaseStatus.Closed);

        Assert.Equal(200, await journey.PaymentWebhookAsync(caseId!, PayEventTypes.Succeeded));

        var record = await journey.WaitForCaseAsync(caseId!, c => c.Payment!.RefundId is not null, "refunded");
        Assert.Equal(CaseStatus.Closed, record.Status);
        Assert.True(record.HasMilestone(TimelineMilestones.Refunded));
    }

    [Fact]
    public async Task Payment_webhook_sent_twice_moves_the_journey_once()
    {
        await using var journey = await JourneyHarness.StartAsync(Orchestrator, Shipped());
        var (_, caseId, _) = await journey.SubmitAsync(Fishing, ExampleApplications.For(Fishing));
        await journey.WaitForStatusAsync(caseId!, CaseStatus.AwaitingPayment);

        Assert.Equal(200, await journey.PaymentWebhookAsync(caseId!, PayEventTypes.Succeeded));
        Assert.Equal(200, await journey.PaymentWebhookAsync(caseId!, PayEventTypes.Captured));

        await journey.WaitForStatusAsync(caseId!, CaseStatus.WithDepartment);
        await journey.DecideAsync(caseId!, DecisionOutcomes.Approved);
        Assert.Equal(CaseStatus.Approved, (await journey.WaitForJourneyEndAsync(caseId!)).ReadOutputAs<JourneyOutcome>()!.Status);
        Assert.Single(journey.Queues.For(caseId!));
    }
}
