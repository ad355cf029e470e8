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
            Assert.Equal(status == CaseStatus.Submitted, !CaseTransitions.Edges.Any(e => e.To == status));
        }
        Assert.All(CaseTransitions.Edges, e => Assert.Contains(e.From, CaseStatus.All));
    }

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
