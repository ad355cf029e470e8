using System.Collections.Concurrent;
using System.Text.Json;
using Serverless.Workflows.Cases;

namespace Serverless.Workflows.Tests.Fakes;

/// <summary>
/// A case store in memory for tests of the journey on the in-memory engine. It copies records through JSON on every
/// read and write, and checks an ETag on replace, so it behaves like the Cosmos store where it matters.
/// </summary>
public sealed class InMemoryCaseStore : ICaseStore
{
    private readonly ConcurrentDictionary<string, (string Json, string ETag)> _cases = new();
    private readonly ConcurrentDictionary<string, IdempotencyClaim> _claims = new();

    public Task<CaseRecord?> FindAsync(string caseId, CancellationToken cancellationToken) =>
        Task.FromResult(_cases.TryGetValue(caseId, out var stored) ? Read(stored) : null);

    public Task<bool> TryCreateAsync(CaseRecord record, CancellationToken cancellationToken) =>
        Task.FromResult(_cases.TryAdd(record.Id, (JsonSerializer.Serialize(record), Guid.NewGuid().ToString())));

    public Task<CaseRecord> UpdateAsync(string caseId, Func<CaseRecord, bool> mutate, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (!_cases.TryGetValue(caseId, out var stored))
                throw new CaseNotFoundException(caseId);
            var record = Read(stored);
            if (!mutate(record))
                return Task.FromResult(record);
            record.UpdatedAt = DateTimeOffset.UtcNow;
            var next = (JsonSerializer.Serialize(record), Guid.NewGuid().ToString());
            if (_cases.TryUpdate(caseId, next, stored))
                return Task.FromResult(Read(next));
        }
    }

    public Task<IdempotencyClaim> ClaimIdempotencyKeyAsync(IdempotencyClaim claim, CancellationToken cancellationToken) =>
        Task.FromResult(_claims.GetOrAdd($"{claim.ServiceId}:{claim.Key}", claim));

    public Task<CasePage> ListByStatusAsync(string serviceId, string status, string? continuationToken, int pageSize, CancellationToken cancellationToken) =>
        Task.FromResult(new CasePage([.. All().Where(c => c.ServiceId == serviceId && c.Status == status).OrderByDescending(c => c.SubmittedAt)], null));

    public Task<CasePage> ListBreachingSlaAsync(DateTimeOffset now, string? continuationToken, int pageSize, CancellationToken cancellationToken) =>
        Task.FromResult(new CasePage([.. All().Where(c => c.Status == CaseStatus.WithDepartment && c.Department!.DueAt < now)], null));

    public Task<CasePage> SearchAsync(CaseSearch search, string? continuationToken, int pageSize, CancellationToken cancellationToken) =>
        Task.FromResult(new CasePage([.. All().Where(search.Matches).OrderByDescending(c => c.SubmittedAt)], null));

    public Task<IReadOnlyList<CaseRecord>> ListStaleSubmittedAsync(DateTimeOffset before, int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CaseRecord>>([.. All().Where(c => c.Status == CaseStatus.Submitted && c.SubmittedAt < before).Take(max)]);

    /// <summary>The same rule as the Cosmos query: finished or parked past its period, or past the maximum age.</summary>
    public Task<IReadOnlyList<CaseRecord>> ListDueForRedactionAsync(DateTimeOffset now, DateTimeOffset submittedBefore, int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CaseRecord>>([.. All().Where(c => CaseRetention.IsDue(c, now, submittedBefore)).Take(max)]);

    /// <summary>Claims here never expire: tests of claim lifetimes run on the Cosmos emulator.</summary>
    public Task<int> DeleteExpiredIdempotencyClaimsAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) => Task.FromResult(0);

    public Task<IReadOnlyDictionary<string, int>> CountWithDepartmentsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, int>>(All().Where(c => c.Status == CaseStatus.WithDepartment)
            .GroupBy(c => c.ServiceId).ToDictionary(g => g.Key, g => g.Count()));

    private IEnumerable<CaseRecord> All() => _cases.Values.Select(Read);

    private static CaseRecord Read((string Json, string ETag) stored)
    {
        var record = JsonSerializer.Deserialize<CaseRecord>(stored.Json)!;
        record.ETag = stored.ETag;
        return record;
    }
}
