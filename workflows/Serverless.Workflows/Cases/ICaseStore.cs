namespace Serverless.Workflows.Cases;

/// <summary>
/// The case store port. The Cosmos DB adapter is the real one; tests of a single class may fake it.
/// Not-found is only ever a real absence: any other failure is raised, never reported as "absent".
/// </summary>
public interface ICaseStore
{
    Task<CaseRecord?> FindAsync(string caseId, CancellationToken cancellationToken);

    /// <summary>Creates the case; returns false (and changes nothing) if a case with that id already exists.</summary>
    Task<bool> TryCreateAsync(CaseRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Read-modify-write under optimistic concurrency (ETag If-Match), retried on conflict, so two writers never lose an
    /// update. <paramref name="mutate"/> must be a pure function of the record it is given (it may run more than once)
    /// and returns false when it has nothing to change, in which case nothing is written.
    /// Throws <see cref="CaseNotFoundException"/> if the case does not exist.
    /// </summary>
    Task<CaseRecord> UpdateAsync(string caseId, Func<CaseRecord, bool> mutate, CancellationToken cancellationToken);

    /// <summary>
    /// Claims an Idempotency-Key for a service: the first claim wins and returns itself; later claims return the winner,
    /// so the same key maps to the same case for the claim's lifetime. An expired claim is replaced by the new one.
    /// </summary>
    Task<IdempotencyClaim> ClaimIdempotencyKeyAsync(IdempotencyClaim claim, CancellationToken cancellationToken);

    /// <summary>Cases of a service in a status, newest first, a page at a time.</summary>
    Task<CasePage> ListByStatusAsync(string serviceId, string status, string? continuationToken, int pageSize, CancellationToken cancellationToken);

    /// <summary>Cases with the department whose decision was due before <paramref name="now"/>.</summary>
    Task<CasePage> ListBreachingSlaAsync(DateTimeOffset now, string? continuationToken, int pageSize, CancellationToken cancellationToken);

    /// <summary>Cases matching every criterion set in <paramref name="search"/>, newest first, a page at a time (the ops search).</summary>
    Task<CasePage> SearchAsync(CaseSearch search, string? continuationToken, int pageSize, CancellationToken cancellationToken);

    /// <summary>Cases still 'submitted' that were submitted before <paramref name="before"/>: candidates for the orphan sweep.</summary>
    Task<IReadOnlyList<CaseRecord>> ListStaleSubmittedAsync(DateTimeOffset before, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Cases not yet redacted that are due: finished or parked with <c>retention.delete_after</c> before
    /// <paramref name="now"/>, or submitted before <paramref name="submittedBefore"/> whatever their status (the maximum age).
    /// </summary>
    Task<IReadOnlyList<CaseRecord>> ListDueForRedactionAsync(DateTimeOffset now, DateTimeOffset submittedBefore, int max, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="max"/> Idempotency-Key claims past their lifetime at <paramref name="now"/>; returns how many.</summary>
    Task<int> DeleteExpiredIdempotencyClaimsAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>How many cases are with departments now, by service: a gauge for ops.</summary>
    Task<IReadOnlyDictionary<string, int>> CountWithDepartmentsAsync(CancellationToken cancellationToken);
}

/// <summary>An Idempotency-Key claim: <c>{service_id}:{key}</c> maps to one case and the hash of the body first sent.</summary>
public sealed record IdempotencyClaim(string ServiceId, string Key, string CaseId, string BodyHash);

/// <summary>
/// What an operator searches cases by; null means any. <see cref="SlaBreachedAt"/> matches cases with the department whose
/// decision was due before that time; <see cref="SubmittedFrom"/> is inclusive and <see cref="SubmittedTo"/> exclusive.
/// </summary>
public sealed record CaseSearch(
    string? ServiceId = null, string? Status = null, string? DepartmentId = null, DateTimeOffset? SlaBreachedAt = null,
    DateTimeOffset? SubmittedFrom = null, DateTimeOffset? SubmittedTo = null)
{
    public bool Matches(CaseRecord c) =>
        (ServiceId is null || c.ServiceId == ServiceId) && (Status is null || c.Status == Status)
        && (DepartmentId is null || c.DepartmentId == DepartmentId)
        && (SlaBreachedAt is null || (c.Status == CaseStatus.WithDepartment && c.Department?.DueAt < SlaBreachedAt))
        && (SubmittedFrom is null || c.SubmittedAt >= SubmittedFrom) && (SubmittedTo is null || c.SubmittedAt < SubmittedTo);
}

public sealed record CasePage(IReadOnlyList<CaseRecord> Cases, string? ContinuationToken);

public sealed class CaseNotFoundException(string caseId) : Exception($"Case {caseId} does not exist.")
{
    public string CaseId { get; } = caseId;
}
