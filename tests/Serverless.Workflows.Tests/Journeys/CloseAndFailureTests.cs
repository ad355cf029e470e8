using Serverless.Workflows.Cases;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Journeys;
using Serverless.Workflows.Journeys.Activities;
using Serverless.Workflows.Payments;
using Serverless.Workflows.Telemetry;
using static Serverless.Workflows.Tests.Journeys.TestDefinitions;

namespace Serverless.Workflows.Tests.Journeys;

/// <summary>The steps that end a journey early, run on cases set up at the edge of a race.</summary>
public sealed class CloseAndFailureTests
{
    [Fact]
    public async Task Answer_saved_just_before_the_deadline_wins_over_the_timer()
    {
        await using var journey = await JourneyHarness.StartAsync(JourneyVersions.Current, Shipped());
        var record = NewCase(BlueBadge, CaseStatus.AwaitingInformation);
        record.InformationRequests.Add(new InformationRequest
        {
            DecisionId = "rfi-1", Reason = "Which town?", RequestedAt = DateTimeOffset.UtcNow.AddDays(-28),
            RespondBy = DateTimeOffset.UtcNow, AnsweredAt = DateTimeOffset.UtcNow.AddSeconds(-1),
        });
        await journey.Cases.TryCreateAsync(record, default);

        var outcome = await journey.Get<CaseCloser>().CloseAsync(record.Id, CloseReasons.InformationNotProvided, default);

        Assert.Equal(CaseStatus.AwaitingInformation, outcome.Status);
        Assert.Equal(CaseStatus.AwaitingInformation, (await journey.Cases.FindAsync(record.Id, default))!.Status);
        Assert.Empty(journey.Notify.ForCase(record.Id));
    }

    [Fact]
    public async Task Payment_completed_as_the_case_closes_for_expiry_is_refunded()
    {
        await using var journey = await JourneyHarness.StartAsync(JourneyVersions.Current, Shipped());
        var record = NewCase(Fishing, CaseStatus.AwaitingPayment);
        var created = await journey.Get<IPaymentGateway>().CreatePaymentAsync("environment-agency",
            new PaymentRequest(3300, record.Reference, "Rod fishing licence", new Uri("http://127.0.0.1/return"), record.Id, record.Id + ":payment",
                record.ServiceId, record.DefinitionVersion), default);
        record.Payment = new PaymentRecord { PaymentId = created.PaymentId, AmountPence = 3300, Status = PayStatuses.Created, ExpiresAt = created.ExpiresAt };
        await journey.Cases.TryCreateAsync(record, default);
        await journey.Pay.SettleAsync(created.PaymentId, PayStatuses.Success, null, default);

        var outcome = await journey.Get<CaseCloser>().CloseAsync(record.Id, CloseReasons.PaymentExpired, default);

        Assert.Equal(new JourneyOutcome(CaseStatus.Closed, CloseReasons.PaymentExpired), outcome);
        var closed = (await journey.Cases.FindAsync(record.Id, default))!;
        Assert.NotNull(closed.Payment!.RefundId);
        Assert.True(closed.HasMilestone(TimelineMilestones.Refunded));
    }

    [Fact]
    public async Task Failed_step_takes_the_case_out_of_worklists_and_alerts_ops()
    {
        await using var journey = await JourneyHarness.StartAsync(JourneyVersions.Current, Shipped());
        var record = NewCase(BlueBadge, CaseStatus.Submitted);
        await journey.Cases.TryCreateAsync(record, default);

        Assert.True(await journey.Get<RecordJourneyFailureActivity>().RunAsync(null!, new JourneyFailure(record.Id, nameof(OpenCaseActivity))));
        Assert.False(await journey.Get<RecordJourneyFailureActivity>().RunAsync(null!, new JourneyFailure(record.Id, nameof(OpenCaseActivity))));

        var failed = (await journey.Cases.FindAsync(record.Id, default))!;
        Assert.Equal(CaseStatus.Failed, failed.Status);
        Assert.NotNull(failed.Retention.DeleteAfter);
        Assert.Empty(await journey.Cases.ListStaleSubmittedAsync(DateTimeOffset.UtcNow, 10, default));
        Assert.Single(journey.Telemetry.Signals, s => s.Name == TelemetryNames.JourneyFailed && s.Detail == "error:" + nameof(OpenCaseActivity));
    }

    [Theory]
    [InlineData(CloseReasons.InformationNotProvided, false)]
    [InlineData(CloseReasons.Withdrawn, true)]
    [InlineData(CloseReasons.PaymentExpired, true)]
    public async Task Success_webhook_for_an_ended_case_refunds_by_the_refund_rule(string reason, bool refunded)
    {
        await using var journey = await JourneyHarness.StartAsync(JourneyVersions.Current, KeepingFeesOnRejection());
        var record = NewCase(Fishing, CaseStatus.Closed);
        record.Outcome = reason;
        var created = await journey.Get<IPaymentGateway>().CreatePaymentAsync(JourneyHarness.PayAccount,
            new PaymentRequest(3000, record.Reference, "Rod fishing licence", new Uri("http://127.0.0.1/return"), record.Id, record.Id + ":payment",
                record.ServiceId, record.DefinitionVersion, PaymentLanguages.English), default);
        record.Payment = new PaymentRecord { PaymentId = created.PaymentId, AmountPence = 3000, Status = PayStatuses.Created, ExpiresAt = created.ExpiresAt };
        await journey.Cases.TryCreateAsync(record, default);

        Assert.Equal(200, await journey.PaymentWebhookAsync(record.Id, PayEventTypes.Succeeded));

        Assert.Equal(refunded, (await journey.Cases.FindAsync(record.Id, default))!.Payment!.RefundId is not null);
    }

    private static CaseRecord NewCase(string serviceId, string status)
    {
        var id = CaseIds.NewCaseId();
        var record = new CaseRecord
        {
            Id = id,
            ServiceId = serviceId,
            DefinitionVersion = 1,
            Reference = CaseIds.NewReference(serviceId),
            DepartmentId = serviceId == Fishing ? "environment-agency" : "local-council-blue-badge",
            Status = status,
            SubmittedAt = DateTimeOffset.UtcNow.AddMinutes(-5),
            Application = ExampleApplications.For(serviceId),
            ApplicationHash = "hash",
            Identity = new IdentityCheck("citizen-1", "P2", DateTimeOffset.UtcNow.AddMinutes(-5)),
        };
        return record;
    }
}
