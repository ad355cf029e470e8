using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Definitions;

namespace Serverless.Integration.Tests.CaseStore;

public sealed class CaseRetentionTests : IClassFixture<CosmosEmulatorDatabase>
{
    private static readonly TimeSpan MaxCaseAge = TimeSpan.FromDays(730);
    private readonly CosmosCaseStore store;
    private readonly MaxAgeAlerts alerts = new();
    private readonly CaseRetention retention;

    public CaseRetentionTests(CosmosEmulatorDatabase database)
    {
        store = database.Store;
        var documents = AzuriteDocuments.NewOptions();
        retention = new CaseRetention(store, AzuriteDocuments.Create(documents), alerts, Options.Create(new RetentionOptions { MaxCaseAge = MaxCaseAge }),
            Options.Create(documents), TimeProvider.System, NullLogger<CaseRetention>.Instance);
    }

    [Fact]
    public async Task Redaction_leaves_the_audit_stub_and_removes_personal_data()
    {
        var now = DateTimeOffset.UtcNow;
        var due = Finished(now.AddDays(-400), deleteAfter: now.AddMinutes(-1));
        await store.TryCreateAsync(due, CancellationToken.None);

        await retention.RedactAsync(now, CancellationToken.None);

        var stub = (await store.FindAsync(due.Id, CancellationToken.None))!;
        // Personal data is gone.
        Assert.Null(stub.Application);
        Assert.Equal(CaseRetention.Redacted, stub.Identity.Subject);
        Assert.All(stub.InformationRequests, r => Assert.Null(r.Answer));
        Assert.All(stub.InformationRequests, r => Assert.Equal(CaseRetention.Redacted, r.Reason));
        Assert.Equal(CaseRetention.Redacted, stub.Decision!.Reason);
        Assert.All(stub.DecisionsReceived, d => Assert.Equal(CaseRetention.Redacted, d.Reason));
        Assert.Equal(["dec-1", "dec-2"], stub.DecisionsReceived.Select(d => d.DecisionId));
        Assert.Null(stub.Payment!.NextUrl);
        Assert.DoesNotContain("Ada", System.Text.Json.JsonSerializer.Serialize(stub, CosmosJson.Options), StringComparison.Ordinal);
        // The audit stub stays.
        Assert.Equal((due.Id, due.ServiceId, due.DefinitionVersion, due.Reference, due.DepartmentId),
            (stub.Id, stub.ServiceId, stub.DefinitionVersion, stub.Reference, stub.DepartmentId));
        Assert.Equal((CaseStatus.Approved, "approved"), (stub.Status, stub.Outcome));
        Assert.Equal((due.SubmittedAt, due.FinishedAt), (stub.SubmittedAt, stub.FinishedAt));
        Assert.Equal(due.Timeline, stub.Timeline);
        Assert.Equal(due.Decision!.DecidedAt, stub.Decision.DecidedAt);
        Assert.Equal(("pay-123", 2500), (stub.Payment.PaymentId, stub.Payment.AmountPence));
        Assert.Equal(due.InformationRequests[0].AnsweredAt, stub.InformationRequests[0].AnsweredAt);
        Assert.Equal(due.Identity.Level, stub.Identity.Level);
        Assert.Equal(due.Retention.DeleteAfter, stub.Retention.DeleteAfter);
        Assert.Equal(now, stub.Retention.RedactedAt);
    }

    [Fact]
    public async Task Cases_not_yet_due_running_or_already_redacted_are_left_alone()
    {
        var now = DateTimeOffset.UtcNow;
        var notYetDue = Finished(now.AddDays(-10), deleteAfter: now.AddDays(1));
        var running = TestCases.New(TestCases.NewServiceId(), now.AddDays(-400), CaseStatus.WithDepartment);
        running.Retention.DeleteAfter = now.AddDays(-1); // not finished: never redacted, whatever the date says
        var due = Finished(now.AddDays(-400), deleteAfter: now.AddDays(-1));
        foreach (var record in new[] { notYetDue, running, due })
            await store.TryCreateAsync(record, CancellationToken.None);

        await retention.RedactAsync(now, CancellationToken.None);
        var redactedEtag = (await store.FindAsync(due.Id, CancellationToken.None))!.ETag;
        await retention.RedactAsync(now.AddMinutes(1), CancellationToken.None);

        Assert.NotNull((await store.FindAsync(notYetDue.Id, CancellationToken.None))!.Application);
        Assert.NotNull((await store.FindAsync(running.Id, CancellationToken.None))!.Application);
        var stub = (await store.FindAsync(due.Id, CancellationToken.None))!;
        Assert.Equal(redactedEtag, stub.ETag);
        Assert.Equal(now, stub.Retention.RedactedAt);
        Assert.DoesNotContain(await store.ListDueForRedactionAsync(now.AddMinutes(1), now - MaxCaseAge, 1000, CancellationToken.None),
            c => c.Id == due.Id || c.Id == notYetDue.Id || c.Id == running.Id);
    }

    [Theory]
    [InlineData(CaseStatus.Failed)]
    [InlineData(CaseStatus.NeedsAttention)]
    [InlineData(CaseStatus.Closed)]
    [InlineData(CaseStatus.Rejected)]
    public async Task Failed_and_parked_cases_are_redacted_past_their_period_like_any_finished_case(string status)
    {
        var now = DateTimeOffset.UtcNow;
        var due = Finished(now.AddDays(-400), deleteAfter: now.AddDays(-1), status);
        var notYetDue = Finished(now.AddDays(-400), deleteAfter: now.AddDays(1), status);
        await store.TryCreateAsync(due, CancellationToken.None);
        await store.TryCreateAsync(notYetDue, CancellationToken.None);

        await retention.RedactAsync(now, CancellationToken.None);

        var stub = (await store.FindAsync(due.Id, CancellationToken.None))!;
        Assert.Null(stub.Application);
        Assert.Equal((status, now), (stub.Status, stub.Retention.RedactedAt));
        Assert.NotNull((await store.FindAsync(notYetDue.Id, CancellationToken.None))!.Application);
        Assert.DoesNotContain(alerts.Cases, a => a.Service.ServiceId == due.ServiceId);
    }

    [Fact]
    public async Task A_case_that_never_finishes_is_redacted_at_the_maximum_age_and_ops_are_alerted()
    {
        var now = DateTimeOffset.UtcNow;
        var serviceId = TestCases.NewServiceId();
        var stuck = TestCases.New(serviceId, now - MaxCaseAge - TimeSpan.FromDays(1), CaseStatus.WithDepartment);
        var young = TestCases.New(serviceId, now - MaxCaseAge + TimeSpan.FromDays(1), CaseStatus.WithDepartment);
        await store.TryCreateAsync(stuck, CancellationToken.None);
        await store.TryCreateAsync(young, CancellationToken.None);

        await retention.RedactAsync(now, CancellationToken.None);
        await retention.RedactAsync(now.AddMinutes(1), CancellationToken.None);

        var stub = (await store.FindAsync(stuck.Id, CancellationToken.None))!;
        Assert.Null(stub.Application);
        Assert.Equal(CaseRetention.Redacted, stub.Identity.Subject);
        Assert.Equal((CaseStatus.WithDepartment, now), (stub.Status, stub.Retention.RedactedAt));
        Assert.NotNull((await store.FindAsync(young.Id, CancellationToken.None))!.Application);
        // One alert, for the stuck case only, and not again on the next sweep.
        Assert.Equal([(new DefinitionKey(serviceId, stuck.DefinitionVersion), CaseStatus.WithDepartment)],
            alerts.Cases.Where(a => a.Service.ServiceId == serviceId));
    }

    private static CaseRecord Finished(DateTimeOffset submittedAt, DateTimeOffset deleteAfter, string status = CaseStatus.Approved)
    {
        var record = TestCases.New(TestCases.NewServiceId(), submittedAt, status);
        record.Step = JourneySteps.Finished;
        record.Outcome = status == CaseStatus.Approved ? "approved" : "error";
        record.FinishedAt = submittedAt.AddDays(30);
        record.Payment = new PaymentRecord
        {
            PaymentId = "pay-123", AmountPence = 2500, Status = "success",
            NextUrl = new Uri("https://pay.example/secure/abc").ToString(), ExpiresAt = submittedAt.AddMinutes(90),
        };
        record.InformationRequests.Add(new InformationRequest
        {
            DecisionId = "dec-1", Reason = "Ada, please send a photo of your passport", RequestedAt = submittedAt.AddDays(5),
            RespondBy = submittedAt.AddDays(19), AnsweredAt = submittedAt.AddDays(6),
            Answer = new JsonObject { ["passport_number"] = "123456789", ["note"] = "from Ada" },
        });
        record.DecisionsReceived.Add(new DecisionRecord("dec-1", "information_requested", "Ada, please send a photo of your passport", submittedAt.AddDays(5)));
        record.DecisionsReceived.Add(new DecisionRecord("dec-2", "approved", "Ada meets the criteria", submittedAt.AddDays(30)));
        record.Decision = record.DecisionsReceived[1];
        record.Timeline.Add(new TimelineEntry("submitted", submittedAt, "citizen"));
        record.Timeline.Add(new TimelineEntry("decided", submittedAt.AddDays(30), "department"));
        record.Retention.DeleteAfter = deleteAfter;
        return record;
    }
}
