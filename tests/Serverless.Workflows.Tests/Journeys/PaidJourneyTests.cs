using Serverless.Workflows.Cases;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Departments;
using Serverless.Workflows.Journeys;
using Serverless.Workflows.Payments;
using Serverless.Workflows.Telemetry;
using static Serverless.Workflows.Tests.Journeys.TestDefinitions;

namespace Serverless.Workflows.Tests.Journeys;

public class PaidJourneyTests
{
    /// <summary>The version the tests start journeys on; <see cref="PaidJourneyTestsOnV1"/> runs them all again on the frozen v1.</summary>
    protected virtual string Orchestrator => JourneyVersions.Current;

    [Fact]
    public async Task Paid_application_travels_the_whole_journey_to_approval()
    {
        await using var journey = await JourneyHarness.StartAsync(Orchestrator, Shipped());
        var (status, caseId, _) = await journey.SubmitAsync(Fishing, ExampleApplications.For(Fishing), level: "P1");
        Assert.Equal(202, status);

        var awaitingPayment = await journey.WaitForStatusAsync(caseId!, CaseStatus.AwaitingPayment);
        Assert.Equal(3300, awaitingPayment.Payment!.AmountPence); // The newest version (v2) is pinned at submission.
        Assert.Equal(200, await journey.PaymentWebhookAsync(caseId!, PayEventTypes.Succeeded));

        var withDepartment = await journey.WaitForStatusAsync(caseId!, CaseStatus.WithDepartment);
        var handoff = await journey.WaitForMessageAsync(caseId!, MessageTypes.Submitted);
        Assert.Single(journey.Queues.For(caseId!));
        Assert.Equal(MessageTypes.Submitted, handoff.Type);
        Assert.Equal("environment-agency-cases", journey.Queues.Sent.Single(s => s.Message.Subject == caseId).Queue);
        Assert.Equal("Lovelace", (string?)handoff.Data["application"]!["applicant"]!["last_name"]);
        Assert.Empty(journey.Get<MessageContracts>().Validate(handoff.Type, System.Text.Json.JsonSerializer.SerializeToElement(handoff, CloudEvent.SerializerOptions)));
        Assert.Equal(withDepartment.Department!.DueAt, withDepartment.Department.HandedOffAt + TimeSpan.FromDays(5));

        Assert.Equal(DecisionIntakeResult.Accepted, await journey.DecideAsync(caseId!, DecisionOutcomes.Approved, "Licence issued."));
        var end = await journey.WaitForJourneyEndAsync(caseId!);
        Assert.Equal(CaseStatus.Approved, end.ReadOutputAs<JourneyOutcome>()!.Status);

        var record = await journey.WaitForStatusAsync(caseId!, CaseStatus.Approved);
        await journey.WaitForNotificationAsync(caseId!, Milestones.Approved);
        Assert.Equal(
            [TimelineMilestones.Submitted, TimelineMilestones.IdentityVerified, TimelineMilestones.PaymentRequested, TimelineMilestones.PaymentReceived,
             TimelineMilestones.SentToDepartment, TimelineMilestones.Approved],
            record.Timeline.Select(t => t.Milestone));
        Assert.Equal(
            [Milestones.Received, Milestones.PaymentRequested, Milestones.WithDepartment, Milestones.Approved],
            journey.Notify.ForCase(caseId!).Select(n => n.Message.Reference.Split(':')[1]));
        Assert.NotNull(record.Retention.DeleteAfter);
        Assert.Contains(journey.Telemetry.Signals, s => s.Name == TelemetryNames.JourneyStarted);
        await journey.WaitForSignalAsync(TelemetryNames.JourneyCompleted, CaseStatus.Approved);
    }

    [Fact]
    public async Task Rejected_paid_case_is_refunded()
    {
        await using var journey = await JourneyHarness.StartAsync(Orchestrator, Shipped());
        var (_, caseId, _) = await journey.SubmitAsync(Fishing, ExampleApplications.For(Fishing));
        await journey.WaitForStatusAsync(caseId!, CaseStatus.AwaitingPayment);
        await journey.PaymentWebhookAsync(caseId!, PayEventTypes.Succeeded);
        await journey.WaitForStatusAsync(caseId!, CaseStatus.WithDepartment);

        await journey.DecideAsync(caseId!, DecisionOutcomes.Rejected, "You already hold a licence for these dates.");

        var record = await journey.WaitForCaseAsync(caseId!, c => c.HasMilestone(TimelineMilestones.Refunded), "refunded");
        Assert.Equal(CaseStatus.Rejected, record.Status);
        Assert.Equal("success", record.Payment!.RefundStatus);
        Assert.Single((await journey.Pay.FindAsync(record.Payment.PaymentId, default))!.Refunds);
        var rejection = journey.Notify.ForCase(caseId!).Last();
        Assert.Equal("You already hold a licence for these dates.", rejection.Message.Personalisation["reason"]);
    }

    [Fact]
    public async Task Failed_payment_closes_the_case()
    {
        await using var journey = await JourneyHarness.StartAsync(Orchestrator, Shipped());
        var (_, caseId, _) = await journey.SubmitAsync(Fishing, ExampleApplications.For(Fishing));
        await journey.WaitForStatusAsync(caseId!, CaseStatus.AwaitingPayment);

        await journey.PaymentWebhookAsync(caseId!, PayEventTypes.Failed);

        var end = await journey.WaitForJourneyEndAsync(caseId!);
        Assert.Equal(new JourneyOutcome(CaseStatus.Closed, CloseReasons.PaymentFailed), end.ReadOutputAs<JourneyOutcome>());
        Assert.Empty(journey.Queues.For(caseId!));
        Assert.EndsWith(":" + Milestones.Closed, journey.Notify.ForCase(caseId!).Last().Message.Reference, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unpaid_case_closes_when_its_payment_expires()
    {
        await using var journey = await JourneyHarness.StartAsync(Orchestrator, Shipped(), paymentLifetime: TimeSpan.FromSeconds(1));
        var (_, caseId, _) = await journey.SubmitAsync(Fishing, ExampleApplications.For(Fishing));

        var end = await journey.WaitForJourneyEndAsync(caseId!);

        Assert.Equal(new JourneyOutcome(CaseStatus.Closed, CloseReasons.PaymentExpired), end.ReadOutputAs<JourneyOutcome>());
        Assert.Equal(CaseStatus.Closed, (await journey.Cases.FindAsync(caseId!, default))!.Status);
    }

    [Fact]
    public async Task Payment_whose_webhook_was_lost_is_found_when_checked_at_expiry()
    {
        // Long enough for the test to settle the payment at "Pay" before the journey checks it, on a busy machine too.
        await using var journey = await JourneyHarness.StartAsync(Orchestrator, Shipped(), paymentLifetime: TimeSpan.FromSeconds(4));
        var (_, caseId, _) = await journey.SubmitAsync(Fishing, ExampleApplications.For(Fishing));
        var record = await journey.WaitForStatusAsync(caseId!, CaseStatus.AwaitingPayment);

        await journey.Pay.SettleAsync(record.Payment!.PaymentId, PayStatuses.Success, null, default); // Paid at Pay; the webhook never came.

        await journey.WaitForStatusAsync(caseId!, CaseStatus.WithDepartment);
    }

    [Fact]
    public async Task Webhook_with_a_bad_signature_is_refused_and_changes_nothing()
    {
        await using var journey = await JourneyHarness.StartAsync(Orchestrator, Shipped());
        var (_, caseId, _) = await journey.SubmitAsync(Fishing, ExampleApplications.For(Fishing));
        await journey.WaitForStatusAsync(caseId!, CaseStatus.AwaitingPayment);

        Assert.Equal(401, await journey.TamperedPaymentWebhookAsync(caseId!));

        var record = await journey.Cases.FindAsync(caseId!, default);
        Assert.Equal(CaseStatus.AwaitingPayment, record!.Status);
        Assert.Equal(PayStatuses.Created, record.Payment!.Status);
    }
}
