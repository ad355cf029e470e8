using System.Buffers.Text;
using System.Net;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Workflows.Configuration;

namespace Serverless.Workflows.Cases.Cosmos;

/// <summary>
/// The case store on Cosmos DB (NoSQL API). Both containers are partitioned by <c>/id</c>: cases are read and written by
/// case id, claims by <c>{service_id}:{key}</c>. Listings are cross-partition queries (see Cases/README.md).
/// </summary>
public sealed partial class CosmosCaseStore : ICaseStore
{
    /// <summary>Read-modify-write attempts before a conflicting update gives up.</summary>
    public const int MaxUpdateAttempts = 16;

    private static readonly TimeSpan BackoffBase = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan BackoffCap = TimeSpan.FromMilliseconds(500);

    /// <summary>Writes return headers (the new ETag) but not the document back: less transfer, less deserialisation.</summary>
    private static readonly ItemRequestOptions WithoutContent = new() { EnableContentResponseOnWrite = false };

    private readonly Container cases;
    private readonly Container idempotency;
    private readonly bool isEmulator;
    private readonly TimeSpan claimLifetime;
    private readonly TimeProvider time;
    private readonly ILogger<CosmosCaseStore> logger;

    public CosmosCaseStore(CosmosAccount account, IOptions<CaseStoreOptions> options, TimeProvider time, ILogger<CosmosCaseStore> logger)
    {
        var settings = options.Value;
        cases = account.Client.GetContainer(settings.DatabaseName, settings.CasesContainer);
        idempotency = account.Client.GetContainer(settings.DatabaseName, settings.IdempotencyContainer);
        isEmulator = account.IsEmulator;
        claimLifetime = settings.IdempotencyClaimLifetime;
        this.time = time;
        this.logger = logger;
    }

    public async Task<CaseRecord?> FindAsync(string caseId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await cases.ReadItemAsync<CaseRecord>(caseId, new PartitionKey(caseId), cancellationToken: cancellationToken);
            var record = response.Resource;
            record.ETag = response.ETag;
            return record;
        }
        catch (CosmosException e) when (IsMissingItem(e))
        {
            return null;
        }
    }

    public async Task<bool> TryCreateAsync(CaseRecord record, CancellationToken cancellationToken)
    {
        // A new case has not been updated yet: stamp it with its submission rather than store year 0001.
        if (record.UpdatedAt == default)
            record.UpdatedAt = record.SubmittedAt;
        try
        {
            var response = await cases.CreateItemAsync(record, new PartitionKey(record.Id), WithoutContent, cancellationToken);
            record.ETag = response.ETag;
            return true;
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    public async Task<CaseRecord> UpdateAsync(string caseId, Func<CaseRecord, bool> mutate, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var record = await FindAsync(caseId, cancellationToken) ?? throw new CaseNotFoundException(caseId);
            var etag = record.ETag;
            if (!mutate(record))
                return record;

            record.UpdatedAt = time.GetUtcNow();
            try
            {
                // The body never carries _etag (system properties are not serialised); the precondition travels as If-Match.
                var response = await cases.ReplaceItemAsync(record, caseId, new PartitionKey(caseId),
                    new ItemRequestOptions { IfMatchEtag = etag, EnableContentResponseOnWrite = false }, cancellationToken);
                record.ETag = response.ETag;
                return record;
            }
            catch (CosmosException e) when (e.StatusCode == HttpStatusCode.PreconditionFailed)
            {
                if (attempt >= MaxUpdateAttempts)
                    throw new CaseUpdateConflictException(caseId, attempt, e);
                var delay = Backoff(attempt);
                LogUpdateConflict(logger, caseId, attempt, delay.TotalMilliseconds);
                await Task.Delay(delay, time, cancellationToken);
            }
            catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound && e.SubStatusCode == 0)
            {
                // Deleted between the read and the replace.
                throw new CaseNotFoundException(caseId);
            }
        }
    }

    public async Task<IdempotencyClaim> ClaimIdempotencyKeyAsync(IdempotencyClaim claim, CancellationToken cancellationToken)
    {
        var id = IdempotencyId(claim.ServiceId, claim.Key);
        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow();
            var document = new IdempotencyDocument(id, claim.ServiceId, claim.CaseId, claim.BodyHash, now, (int)claimLifetime.TotalSeconds);
            try
            {
                await idempotency.CreateItemAsync(document, new PartitionKey(id), WithoutContent, cancellationToken);
                return claim;
            }
            catch (CosmosException e) when (e.StatusCode == HttpStatusCode.Conflict)
            {
                var winner = await ReadClaimAsync(id, cancellationToken);
                if (winner is not null && !IsExpired(winner.Value.Document, now))
                    return claim with { CaseId = winner.Value.Document.CaseId, BodyHash = winner.Value.Document.BodyHash };
                // Expired (or deleted by the sweep since): the key is free again. Replace only the version read, so two
                // requests racing for an expired key still agree on one winner; the loser goes round and reads it.
                if (winner is { } expired && await TryReplaceClaimAsync(document, expired.ETag, cancellationToken))
                    return claim;
                if (attempt >= MaxUpdateAttempts)
                    throw new InvalidOperationException($"Idempotency claim {id} kept changing under {attempt} claim attempts.", e);
            }
        }
    }

    public async Task<int> DeleteExpiredIdempotencyClaimsAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT c.id FROM c WHERE c.claimed_at < @cutoff")
            .WithParameter("@cutoff", CosmosJson.Timestamp(now - claimLifetime));
        var ids = new List<string>();
        using (var iterator = idempotency.GetItemQueryIterator<IdProjection>(query, requestOptions: new QueryRequestOptions { MaxItemCount = max }))
        {
            while (iterator.HasMoreResults && ids.Count < max)
                ids.AddRange((await iterator.ReadNextAsync(cancellationToken)).Select(row => row.Id).Take(max - ids.Count));
        }
        var deleted = 0;
        foreach (var id in ids)
        {
            try
            {
                await idempotency.DeleteItemAsync<IdempotencyDocument>(id, new PartitionKey(id), cancellationToken: cancellationToken);
                deleted++;
            }
            catch (CosmosException e) when (IsMissingItem(e))
            {
                // Replaced and deleted by another sweep: gone either way.
            }
        }
        return deleted;
    }

    private bool IsExpired(IdempotencyDocument claim, DateTimeOffset now) => claim.ClaimedAt + claimLifetime <= now;

    private async Task<(IdempotencyDocument Document, string ETag)?> ReadClaimAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            var response = await idempotency.ReadItemAsync<IdempotencyDocument>(id, new PartitionKey(id), cancellationToken: cancellationToken);
            return (response.Resource, response.ETag);
        }
        catch (CosmosException e) when (IsMissingItem(e))
        {
            return null;
        }
    }

    private async Task<bool> TryReplaceClaimAsync(IdempotencyDocument document, string etag, CancellationToken cancellationToken)
    {
        try
        {
            await idempotency.ReplaceItemAsync(document, document.Id, new PartitionKey(document.Id),
                new ItemRequestOptions { IfMatchEtag = etag, EnableContentResponseOnWrite = false }, cancellationToken);
            return true;
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.PreconditionFailed || IsMissingItem(e))
        {
            return false;
        }
    }

    public async Task<CasePage> ListByStatusAsync(string serviceId, string status, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition(
                "SELECT * FROM c WHERE c.service_id = @service AND c.status = @status ORDER BY c.submitted_at DESC")
            .WithParameter("@service", serviceId)
            .WithParameter("@status", status);
        return await ReadPageAsync(query, continuationToken, pageSize, cancellationToken);
    }

    public async Task<CasePage> ListBreachingSlaAsync(DateTimeOffset now, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        // Most overdue first.
        var query = new QueryDefinition(
                "SELECT * FROM c WHERE c.status = @status AND c.department.due_at < @now ORDER BY c.department.due_at ASC")
            .WithParameter("@status", CaseStatus.WithDepartment)
            .WithParameter("@now", CosmosJson.Timestamp(now));
        return await ReadPageAsync(query, continuationToken, pageSize, cancellationToken);
    }

    public async Task<CasePage> SearchAsync(CaseSearch search, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        // One parameter per criterion set, so the query text (and the continuation token's validity) depends only on
        // which criteria are used, never on their values.
        var filters = new List<string>();
        var parameters = new List<(string Name, object Value)>();
        void Add(string clause, string name, object? value)
        {
            if (value is null)
                return;
            filters.Add(clause);
            parameters.Add((name, value));
        }
        Add("c.service_id = @service", "@service", search.ServiceId);
        Add("c.department_id = @department", "@department", search.DepartmentId);
        Add("c.status = @status", "@status", search.Status);
        Add("c.submitted_at >= @from", "@from", search.SubmittedFrom is { } from ? CosmosJson.Timestamp(from) : null);
        Add("c.submitted_at < @to", "@to", search.SubmittedTo is { } to ? CosmosJson.Timestamp(to) : null);
        if (search.SlaBreachedAt is { } now)
        {
            Add("c.status = @breachStatus", "@breachStatus", CaseStatus.WithDepartment);
            Add("c.department.due_at < @now", "@now", CosmosJson.Timestamp(now));
        }
        var where = filters.Count == 0 ? "" : " WHERE " + string.Join(" AND ", filters);
        var query = new QueryDefinition($"SELECT * FROM c{where} ORDER BY c.submitted_at DESC");
        foreach (var (name, value) in parameters)
            query = query.WithParameter(name, value);
        return await ReadPageAsync(query, continuationToken, pageSize, cancellationToken);
    }

    public async Task<IReadOnlyList<CaseRecord>> ListStaleSubmittedAsync(DateTimeOffset before, int max, CancellationToken cancellationToken)
    {
        // Oldest first, so a sweep capped at max makes progress on the longest-waiting cases.
        var query = new QueryDefinition(
                "SELECT * FROM c WHERE c.status = @status AND c.submitted_at < @before ORDER BY c.submitted_at ASC")
            .WithParameter("@status", CaseStatus.Submitted)
            .WithParameter("@before", CosmosJson.Timestamp(before));
        return (await ReadPageAsync(query, null, max, cancellationToken)).Cases;
    }

    public async Task<IReadOnlyList<CaseRecord>> ListDueForRedactionAsync(
        DateTimeOffset now, DateTimeOffset submittedBefore, int max, CancellationToken cancellationToken)
    {
        // Every finished or parked status (CaseRetention.IsFinishedOrParked), each a parameter. A null or absent
        // delete_after never compares below a string, so only the maximum age can match a case still running.
        var statuses = CaseStatus.All.Append(CaseStatus.NeedsAttention).Distinct().Where(CaseRetention.IsFinishedOrParked).ToList();
        var query = new QueryDefinition(
            "SELECT * FROM c WHERE (NOT IS_DEFINED(c.retention.redacted_at) OR IS_NULL(c.retention.redacted_at)) " +
            $"AND (((c.status IN ({string.Join(", ", statuses.Select((_, i) => "@s" + i))})) AND c.retention.delete_after < @now) " +
            "OR c.submitted_at < @oldest)")
            .WithParameter("@now", CosmosJson.Timestamp(now))
            .WithParameter("@oldest", CosmosJson.Timestamp(submittedBefore));
        for (var i = 0; i < statuses.Count; i++)
            query = query.WithParameter("@s" + i, statuses[i]);
        return (await ReadPageAsync(query, null, max, cancellationToken)).Cases;
    }

    public async Task<IReadOnlyDictionary<string, int>> CountWithDepartmentsAsync(CancellationToken cancellationToken)
    {
        // No aggregates: the emulator cannot run COUNT/GROUP BY. Project one small field and count here, a page at a time.
        var query = new QueryDefinition("SELECT c.service_id FROM c WHERE c.status = @status")
            .WithParameter("@status", CaseStatus.WithDepartment);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        using var iterator = cases.GetItemQueryIterator<ServiceIdProjection>(query, requestOptions: new QueryRequestOptions { MaxItemCount = 1000 });
        while (iterator.HasMoreResults)
        {
            foreach (var row in await iterator.ReadNextAsync(cancellationToken))
                counts[row.ServiceId] = counts.GetValueOrDefault(row.ServiceId) + 1;
        }
        return counts;
    }

    /// <summary>
    /// The claim document's id, <c>{service_id}:{key}</c>. A key with characters outside <c>[A-Za-z0-9._:-]</c> (Cosmos
    /// forbids '/', '\\', '?', '#' in ids, and '%' does not survive every URL path) is written as '~' plus its base64url
    /// UTF-8 bytes; plain keys never contain '~', so the mapping stays one-to-one.
    /// </summary>
    public static string IdempotencyId(string serviceId, string key) =>
        key.Length > 0 && key.All(IsPlainKeyChar)
            ? $"{serviceId}:{key}"
            : $"{serviceId}:~{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key))}";

    private static bool IsPlainKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':';

    /// <summary>
    /// Up to <paramref name="pageSize"/> results from <paramref name="continuationToken"/> on. A cross-partition query may
    /// return short (even empty) pages with more to come, so pages are read until full or exhausted; the token returned
    /// resumes exactly after the last result.
    /// </summary>
    private async Task<CasePage> ReadPageAsync(QueryDefinition query, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        var results = new List<CaseRecord>(Math.Min(pageSize, 100));
        var token = continuationToken;
        do
        {
            using var iterator = cases.GetItemQueryIterator<CaseRecord>(query, token,
                new QueryRequestOptions { MaxItemCount = pageSize - results.Count });
            if (!iterator.HasMoreResults)
                break;
            var page = await iterator.ReadNextAsync(cancellationToken);
            results.AddRange(page);
            token = page.ContinuationToken;
        }
        while (token is not null && results.Count < pageSize);
        return new CasePage(results, token);
    }

    /// <summary>
    /// A real absence, never a failure: 404 with no sub-status is a missing item (a missing container or database is 404
    /// with sub-status 1003 and is raised). The emulator answers a point read of a missing item with a 500 from a
    /// JavaScript TypeError; that exact failure, and only on the emulator, also counts as absent.
    /// </summary>
    private bool IsMissingItem(CosmosException e) => e.StatusCode switch
    {
        HttpStatusCode.NotFound => e.SubStatusCode == 0,
        HttpStatusCode.InternalServerError => isEmulator && IsEmulatorMissingItem(e.ResponseBody),
        _ => false,
    };

    /// <summary>
    /// The emulator's failure for a point read of a missing item: its handler dereferences the absent document and answers
    /// 500 <c>{"message":"Cannot read properties of undefined (reading 'id')"}</c>, which the SDK surfaces as the response
    /// body text followed by a newline and its own diagnostics. That message and nothing else (not a TypeError elsewhere).
    /// </summary>
    public static bool IsEmulatorMissingItem(string? responseBody) =>
        responseBody is not null
        && responseBody.StartsWith(EmulatorMissingItemMessage, StringComparison.Ordinal)
        && (responseBody.Length == EmulatorMissingItemMessage.Length || responseBody[EmulatorMissingItemMessage.Length] is '\n' or '\r');

    private const string EmulatorMissingItemMessage = "Cannot read properties of undefined (reading 'id')";

    /// <summary>Full jitter: a random delay up to an exponentially growing ceiling, so colliding writers spread out.</summary>
    private static TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(BackoffCap.TotalMilliseconds, BackoffBase.TotalMilliseconds * Math.Pow(2, attempt));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Case {CaseId} changed under update attempt {Attempt}; retrying in {DelayMs:F0} ms")]
    private static partial void LogUpdateConflict(ILogger logger, string caseId, int attempt, double delayMs);

    private sealed record IdempotencyDocument(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("service_id")] string ServiceId,
        [property: JsonPropertyName("case_id")] string CaseId,
        [property: JsonPropertyName("body_hash")] string BodyHash,
        [property: JsonPropertyName("claimed_at")] DateTimeOffset ClaimedAt,
        // Seconds: Cosmos DB deletes the claim itself where the container has TTL on; the sweep does it everywhere else.
        [property: JsonPropertyName("ttl")] int TimeToLive);

    private sealed record IdProjection([property: JsonPropertyName("id")] string Id);

    private sealed record ServiceIdProjection([property: JsonPropertyName("service_id")] string ServiceId);
}

/// <summary>An update kept losing to other writers until its attempts ran out.</summary>
public sealed class CaseUpdateConflictException(string caseId, int attempts, Exception innerException)
    : Exception($"Case {caseId} was changed by other writers on each of {attempts} update attempts.", innerException)
{
    public string CaseId { get; } = caseId;
    public int Attempts { get; } = attempts;
}
