using Serverless.Workflows.Cases;
using Serverless.Workflows.Journeys;
using Serverless.Workflows.Payments;
using static Serverless.Workflows.Tests.Journeys.TestDefinitions;

namespace Serverless.Workflows.Tests.Payments;

public sealed class RefundRuleTests
{
    private static readonly ServiceDefinition RefundsRejections = Shipped().Get(new DefinitionKey(Fishing, 2));
    private static readonly ServiceDefinition KeepsRejections = Shipped().Get(new DefinitionKey(BlueBadge, 1));

    [Theory]
    [InlineData(CaseStatus.Approved, false, false)]
    [InlineData(CaseStatus.Rejected, true, false)]
    [InlineData(CloseReasons.PaymentFailed, true, true)]
    [InlineData(CloseReasons.PaymentExpired, true, true)]
    [InlineData(CloseReasons.IdentityInsufficient, true, true)]
    [InlineData(CloseReasons.Withdrawn, true, true)]
    [InlineData(CloseReasons.Terminated, true, true)]
    [InlineData(CloseReasons.InformationNotProvided, true, false)]
    [InlineData(CaseStatus.Failed, false, false)]
    public void Each_way_a_paid_case_ends_has_one_refund_answer(string ending, bool whenRejectionsAreRefunded, bool whenRejectionsAreKept)
    {
        Assert.Equal(whenRejectionsAreRefunded, RefundRule.Refunds(ending, RefundsRejections));
        Assert.Equal(whenRejectionsAreKept, RefundRule.Refunds(ending, KeepsRejections));
    }

    [Fact]
    public void Every_final_status_and_close_reason_is_in_the_table()
    {
        var endings = CaseStatus.All.Where(CaseStatus.IsFinished).Where(s => s != CaseStatus.Closed).Concat(CloseReasons.All);

        Assert.Equal(endings.Order(StringComparer.Ordinal), RefundRule.Table.Keys.Order(StringComparer.Ordinal));
        Assert.Throws<InvalidOperationException>(() => RefundRule.Refunds("closed_for_a_new_reason", RefundsRejections));
    }

    [Fact]
    public void A_closed_case_ends_by_its_reason_and_a_decided_one_by_its_status()
    {
        Assert.Equal(CloseReasons.Withdrawn, RefundRule.EndingOf(Case(CaseStatus.Closed, CloseReasons.Withdrawn)));
        Assert.Equal(CaseStatus.Rejected, RefundRule.EndingOf(Case(CaseStatus.Rejected, CaseStatus.Rejected)));
    }

    private static CaseRecord Case(string status, string outcome) => new()
    {
        Id = CaseIds.NewCaseId(), ServiceId = Fishing, DefinitionVersion = 2, Reference = CaseIds.NewReference(Fishing),
        DepartmentId = "environment-agency", SubmittedAt = DateTimeOffset.UtcNow, ApplicationHash = "hash",
        Identity = new IdentityCheck("subject", "P2", DateTimeOffset.UtcNow), Status = status, Outcome = outcome,
    };
}
