using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Operations;

namespace Serverless.Workflows.Tests.Operations;

public sealed class OpsCaseSearchQueryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Parked_means_needs_attention_and_sla_breached_means_due_before_now()
    {
        var (search, problem) = Parse(("parked", "true"), ("sla_breached", "true"), ("service_id", "blue-badge"),
            ("submitted_from", "2026-12-01T00:00:00Z"), ("submitted_to", "2026-12-02T01:00:00+01:00"));
        Assert.Null(problem);
        Assert.Equal(new CaseSearch("blue-badge", CaseStatus.NeedsAttention, null, Now,
            new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero)), search);
    }

    [Theory]
    [InlineData("status", "lost")]
    [InlineData("parked", "false")]
    [InlineData("sla_breached", "yes")]
    [InlineData("submitted_from", "2026-12-01T00:00:00")] // no offset: whose midnight?
    [InlineData("submitted_to", "yesterday")]
    public void Bad_filter_is_refused(string name, string value)
    {
        var (search, problem) = Parse((name, value));
        Assert.Null(search);
        Assert.NotNull(problem);
    }

    [Fact]
    public void Parked_with_another_status_or_an_empty_time_range_is_refused()
    {
        Assert.NotNull(Parse(("parked", "true"), ("status", CaseStatus.Approved)).Problem);
        Assert.NotNull(Parse(("submitted_from", "2026-12-02T00:00:00Z"), ("submitted_to", "2026-12-01T00:00:00Z")).Problem);
    }

    private static (CaseSearch? Search, IResult? Problem) Parse(params (string Name, string Value)[] query) =>
        OpsCaseSearchQuery.Parse(new QueryCollection(query.ToDictionary(q => q.Name, q => new StringValues(q.Value))), Now);
}
