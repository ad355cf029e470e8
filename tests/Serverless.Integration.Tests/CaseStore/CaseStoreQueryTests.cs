namespace Serverless.Integration.Tests.CaseStore;

public sealed class CaseStoreQueryTests(CosmosEmulatorDatabase database) : IClassFixture<CosmosEmulatorDatabase>
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly CosmosCaseStore store = database.Store;

    [Fact]
    public async Task Listing_by_status_returns_the_services_cases_newest_first_across_pages()
    {
        var serviceId = TestCases.NewServiceId();
        // Submitted times straddle a daylight-saving change and are given in mixed offsets: ordering must still be by instant.
        var inStatus = Enumerable.Range(0, 7)
            .Select(i => TestCases.New(serviceId, Start.AddMinutes(37 * i).ToOffset(TimeSpan.FromHours(i % 3)), CaseStatus.WithDepartment))
            .ToList();
        await CreateAllAsync(inStatus);
        await CreateAllAsync([
            TestCases.New(serviceId, Start.AddDays(1), CaseStatus.Approved),
            TestCases.New(TestCases.NewServiceId(), Start.AddDays(1), CaseStatus.WithDepartment),
        ]);

        var seen = new List<CaseRecord>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await store.ListByStatusAsync(serviceId, CaseStatus.WithDepartment, token, 3, CancellationToken.None);
            Assert.InRange(page.Cases.Count, 1, 3);
            seen.AddRange(page.Cases);
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(inStatus.OrderByDescending(c => c.SubmittedAt).Select(c => c.Id), seen.Select(c => c.Id));
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task A_page_is_full_when_more_cases_follow()
    {
        var serviceId = TestCases.NewServiceId();
        await CreateAllAsync(Enumerable.Range(0, 4).Select(i => TestCases.New(serviceId, Start.AddHours(i))));

        var first = await store.ListByStatusAsync(serviceId, CaseStatus.Submitted, null, 2, CancellationToken.None);
        var second = await store.ListByStatusAsync(serviceId, CaseStatus.Submitted, first.ContinuationToken, 2, CancellationToken.None);

        Assert.Equal([Start.AddHours(3), Start.AddHours(2)], first.Cases.Select(c => c.SubmittedAt));
        Assert.NotNull(first.ContinuationToken);
        Assert.Equal([Start.AddHours(1), Start], second.Cases.Select(c => c.SubmittedAt));
    }

    [Fact]
    public async Task Sla_breach_lists_only_cases_with_the_department_past_their_due_date()
    {
        var now = DateTimeOffset.UtcNow;
        var serviceId = TestCases.NewServiceId();
        var overdue = WithDepartment(serviceId, dueAt: now.AddHours(-2));
        var justOverdue = WithDepartment(serviceId, dueAt: now.AddSeconds(-1).ToOffset(TimeSpan.FromHours(-5)));
        var notYetDue = WithDepartment(serviceId, dueAt: now.AddHours(1));
        var decided = WithDepartment(serviceId, dueAt: now.AddHours(-3));
        decided.Status = CaseStatus.Approved;
        await CreateAllAsync([overdue, justOverdue, notYetDue, decided]);

        var breaching = await ReadAllAsync((token, size) => store.ListBreachingSlaAsync(now, token, size, CancellationToken.None));

        Assert.Equal([overdue.Id, justOverdue.Id], breaching.Where(c => c.ServiceId == serviceId).Select(c => c.Id));
        Assert.All(breaching, c => Assert.True(c.Department!.DueAt < now && c.Status == CaseStatus.WithDepartment));
    }

    [Fact]
    public async Task Stale_submitted_cases_are_the_old_ones_still_submitted_oldest_first()
    {
        var now = DateTimeOffset.UtcNow;
        var serviceId = TestCases.NewServiceId();
        var oldest = TestCases.New(serviceId, now.AddMinutes(-30));
        var old = TestCases.New(serviceId, now.AddMinutes(-10));
        var fresh = TestCases.New(serviceId, now);
        var moved = TestCases.New(serviceId, now.AddMinutes(-40), CaseStatus.AwaitingPayment);
        await CreateAllAsync([old, fresh, oldest, moved]);

        var stale = await store.ListStaleSubmittedAsync(now.AddMinutes(-2), 1000, CancellationToken.None);

        Assert.Equal([oldest.Id, old.Id], stale.Where(c => c.ServiceId == serviceId).Select(c => c.Id));
    }

    [Fact]
    public async Task Cases_with_departments_are_counted_by_service()
    {
        var first = TestCases.NewServiceId();
        var second = TestCases.NewServiceId();
        var now = DateTimeOffset.UtcNow;
        await CreateAllAsync([
            WithDepartment(first, now), WithDepartment(first, now), WithDepartment(first, now),
            WithDepartment(second, now),
            TestCases.New(second, now, CaseStatus.Rejected),
        ]);

        var counts = await store.CountWithDepartmentsAsync(CancellationToken.None);

        Assert.Equal(3, counts[first]);
        Assert.Equal(1, counts[second]);
    }

    private static CaseRecord WithDepartment(string serviceId, DateTimeOffset dueAt)
    {
        var record = TestCases.New(serviceId, dueAt.AddDays(-20), CaseStatus.WithDepartment);
        record.Department = new DepartmentProgress { HandedOffAt = dueAt.AddDays(-20), RemindAt = dueAt.AddDays(-2), DueAt = dueAt };
        return record;
    }

    private async Task CreateAllAsync(IEnumerable<CaseRecord> records)
    {
        foreach (var record in records)
            Assert.True(await store.TryCreateAsync(record, CancellationToken.None));
    }

    private static async Task<List<CaseRecord>> ReadAllAsync(Func<string?, int, Task<CasePage>> list)
    {
        var all = new List<CaseRecord>();
        string? token = null;
        do
        {
            var page = await list(token, 50);
            all.AddRange(page.Cases);
            token = page.ContinuationToken;
        }
        while (token is not null);
        return all;
    }
}
