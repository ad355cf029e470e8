using Microsoft.Extensions.Time.Testing;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Departments;
using Serverless.Workflows.Journeys;
using Serverless.Workflows.Payments;
using static Serverless.Workflows.Tests.Journeys.TestDefinitions;

namespace Serverless.Workflows.Tests.Journeys;

public class SlaAndVersionTests
{
    /// <summary>The version the tests start journeys on; <see cref="SlaAndVersionTestsOnV1"/> runs them all again on the frozen v1.</summary>
    protected virtual string Orchestrator => JourneyVersions.Current;

    [Fact]
    public async Task Working_day_sla_skips_the_christmas_weekend_and_bank_holidays()
    {
        // Handed off on Christmas Eve 2026 (a Thursday): 25th, 28th (Boxing Day's substitute) and 1 January are bank holidays.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 24, 10, 0, 0, TimeSpan.Zero));
        await using var journey = await JourneyHarness.StartAsync(Orchestrator, Shipped(), clock);
        var (_, caseId, _) = await journey.SubmitAsync(BlueBadge, ExampleApplications.For(BlueBadge));

        var record = await journey.WaitForStatusAsync(caseId!, CaseStatus.WithDepartment);

        Assert.Equal(new DateTimeOffset(2027, 1, 7, 10, 0, 0, TimeSpan.Zero), record.Department!.RemindAt); // 7 working days
        Assert.Equal(new DateTimeOffset(2027, 1, 12, 10, 0, 0, TimeSpan.Zero), record.Department.DueAt);   // 10 working days
        var handoff = await journey.WaitForMessageAsync(caseId!, MessageTypes.Submitted);
        Assert.Equal(record.Department.DueAt.UtcDateTime, (DateTime)handoff.Data["due_at"]!);

        await journey.DecideAsync(caseId!, DecisionOutcomes.Approved);
        await journey.WaitForJourneyEndAsync(caseId!);
    }

    [Fact]
    public async Task Case_keeps_its_pinned_definition_when_a_new_version_is_published_in_flight()
    {
        var catalog = Shipped(latestFishingIsV1: true);
        await using var journey = await JourneyHarness.StartAsync(Orchestrator, catalog);
        var (_, caseId, _) = await journey.SubmitAsync(Fishing, ExampleApplications.For(Fishing));
        var pinned = await journey.WaitForStatusAsync(caseId!, CaseStatus.AwaitingPayment);
        Assert.Equal(1, pinned.DefinitionVersion);

        catalog.Publish(Source(Fishing, 2));
        var v1 = catalog.Get(new DefinitionKey(Fishing, 1));
        var v2 = catalog.Get(new DefinitionKey(Fishing, 2));
        Assert.NotEqual(v1.Notifications[Milestones.WithDepartment].TemplateId, v2.Notifications[Milestones.WithDepartment].TemplateId);

        await journey.PaymentWebhookAsync(caseId!, PayEventTypes.Succeeded);
        await journey.WaitForStatusAsync(caseId!, CaseStatus.WithDepartment);

        var sent = await journey.WaitForNotificationAsync(caseId!, Milestones.WithDepartment);
        Assert.Equal(v1.Notifications[Milestones.WithDepartment].TemplateId, sent.Message.TemplateId);
        Assert.Equal(1, (int)(await journey.WaitForMessageAsync(caseId!, MessageTypes.Submitted)).Data["service_version"]!);
        Assert.Equal(3000, pinned.Payment!.AmountPence);

        var (_, newCaseId, _) = await journey.SubmitAsync(Fishing, ExampleApplications.For(Fishing), idempotencyKey: "after-v2");
        Assert.Equal(2, (await journey.WaitForStatusAsync(newCaseId!, CaseStatus.AwaitingPayment)).DefinitionVersion);
    }
}
