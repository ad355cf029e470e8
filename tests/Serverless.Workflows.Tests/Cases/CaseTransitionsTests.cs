using Serverless.Workflows.Cases;

namespace Serverless.Workflows.Tests.Cases;

public sealed class CaseTransitionsTests
{
    [Fact]
    public void Every_status_is_reachable_and_only_finished_ones_are_final()
    {
        foreach (var status in CaseStatus.All)
        {
            Assert.Equal(CaseStatus.IsFinished(status), !CaseTransitions.Edges.Any(e => e.From == status));
            // A parked case returns to the status it came from, submitted included; nothing else leads back to submitted.
            Assert.Equal(status == CaseStatus.Submitted, !CaseTransitions.Edges.Any(e => e.To == status && e.From != CaseStatus.NeedsAttention));
        }
        Assert.All(CaseTransitions.Edges, e => Assert.Contains(e.From, CaseStatus.All));
    }

    [Theory]
    [InlineData(CaseStatus.Submitted)]
    [InlineData(CaseStatus.AwaitingPayment)]
    [InlineData(CaseStatus.WithDepartment)]
    [InlineData(CaseStatus.AwaitingInformation)]
    public void Every_unfinished_status_can_park_and_return_and_a_parked_case_can_close(string status)
    {
        Assert.True(CaseTransitions.IsAllowed(status, CaseStatus.NeedsAttention));
        Assert.True(CaseTransitions.IsAllowed(CaseStatus.NeedsAttention, status));
        Assert.True(CaseTransitions.IsAllowed(CaseStatus.NeedsAttention, CaseStatus.Closed));
        Assert.False(CaseStatus.IsFinished(CaseStatus.NeedsAttention));
    }

    [Theory]
    [InlineData(CaseStatus.Approved)]
    [InlineData(CaseStatus.Rejected)]
    [InlineData(CaseStatus.Closed)]
    [InlineData(CaseStatus.Failed)]
    public void A_finished_case_never_parks(string status) => Assert.False(CaseTransitions.IsAllowed(status, CaseStatus.NeedsAttention));

    [Fact]
    public void Move_outside_the_table_throws_naming_both_statuses_and_the_operation()
    {
        var record = NewCase(CaseStatus.Approved);

        var error = Assert.Throws<InvalidCaseTransitionException>(() => CaseTransitions.Move(record, CaseStatus.WithDepartment, "hand off"));

        Assert.Equal((CaseStatus.Approved, CaseStatus.WithDepartment, "hand off"), (error.From, error.To, error.Operation));
        Assert.Equal(CaseStatus.Approved, record.Status);
    }

    [Fact]
    public void Reapplying_the_current_status_is_allowed_so_retried_steps_succeed()
    {
        var record = NewCase(CaseStatus.WithDepartment);
        CaseTransitions.Move(record, CaseStatus.WithDepartment, "hand off");
        Assert.Equal(CaseStatus.WithDepartment, record.Status);
    }

    private static CaseRecord NewCase(string status) => new()
    {
        Id = CaseIds.NewCaseId(),
        ServiceId = "blue-badge",
        DefinitionVersion = 1,
        Reference = CaseIds.NewReference("blue-badge"),
        DepartmentId = "local-council-blue-badge",
        SubmittedAt = DateTimeOffset.UtcNow,
        ApplicationHash = "hash",
        Identity = new IdentityCheck("subject", "P2", DateTimeOffset.UtcNow),
        Status = status,
    };

    [Fact]
    public void Case_ids_are_unguessable_and_references_are_quotable()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => CaseIds.NewCaseId()).ToHashSet();
        Assert.Equal(1000, ids.Count);
        Assert.All(ids, id => Assert.True(CaseIds.IsWellFormed(id), id));
        Assert.False(CaseIds.IsWellFormed("case-../../etc"));
        Assert.Matches("^BB-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", CaseIds.NewReference("blue-badge"));
    }
}
