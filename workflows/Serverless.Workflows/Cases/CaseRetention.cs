using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Documents;
using Serverless.Workflows.Telemetry;

namespace Serverless.Workflows.Cases;

/// <summary>
/// Removes personal data from cases once their retention period ends, keeping a minimal audit stub: ids,
/// service and definition version, reference, department, status, outcome, timeline milestones, notification and payment
/// bookkeeping, and dates. The journey sets <c>retention.delete_after</c> when a case finishes; every finished or parked
/// case past it is redacted. A case that never finishes is redacted once it is older than
/// <see cref="RetentionOptions.MaxCaseAge"/>, and ops are alerted. A case's documents (its claim-checked application and
/// its evidence files) are deleted first, then the record redacted: a sweep stopped between the two finds the case
/// still due next time and deletes again, which is harmless. The same sweep deletes expired Idempotency-Key claims and
/// evidence uploads never attached to an application (<see cref="DocumentOptions.UnattachedEvidenceLifetime"/>).
/// Runs the same on the emulator (no TTL) and in Azure: a query for due cases, then one conditional update per case.
/// </summary>
public sealed partial class CaseRetention(
    ICaseStore store, IDocumentStore documents, IJourneyTelemetry telemetry, IOptions<RetentionOptions> options,
    IOptions<DocumentOptions> documentOptions, TimeProvider clock, ILogger<CaseRetention> logger)
{
    /// <summary>What replaces free text and identifiers that may be personal data.</summary>
    public const string Redacted = "[redacted]";

    /// <summary>Cases fetched per round.</summary>
    public const int BatchSize = 100;

    /// <summary>Redacts every case due now and deletes expired claims: what the hosts' timers run.</summary>
    public async Task<int> RedactDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var redacted = await RedactAsync(now, cancellationToken).ConfigureAwait(false);
        await DeleteExpiredClaimsAsync(now, cancellationToken).ConfigureAwait(false);
        await DeleteUnattachedEvidenceAsync(now, cancellationToken).ConfigureAwait(false);
        return redacted;
    }

    /// <summary>Redacts every case due at <paramref name="now"/>; returns how many it redacted.</summary>
    public async Task<int> RedactAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var oldestKept = now - options.Value.MaxCaseAge;
        var redacted = 0;
        while (true)
        {
            var due = await store.ListDueForRedactionAsync(now, oldestKept, BatchSize, cancellationToken).ConfigureAwait(false);
            var progress = 0;
            foreach (var candidate in due)
            {
                try
                {
                    if (IsDue(candidate, now, oldestKept))
                        await DeleteDocumentsAsync(candidate, cancellationToken).ConfigureAwait(false);
                    var changed = false;
                    var overAge = false;
                    var record = await store.UpdateAsync(candidate.Id, current =>
                    {
                        overAge = !IsPastPeriod(current, now);
                        return changed = Redact(current, now, oldestKept);
                    }, cancellationToken).ConfigureAwait(false);
                    if (!changed)
                        continue;
                    progress++;
                    if (overAge)
                    {
                        telemetry.CaseExceededMaxAge(new DefinitionKey(record.ServiceId, record.DefinitionVersion), record.Status);
                        LogOverAge(logger, record.Id, record.Status, record.SubmittedAt);
                    }
                }
                catch (CaseNotFoundException)
                {
                    // Gone already: nothing left to redact.
                }
            }
            redacted += progress;
            LogRedacted(logger, progress, due.Count);

            // A short batch is the last one; a batch with no progress would come back unchanged, so stop rather than spin.
            if (due.Count < BatchSize || progress == 0)
                return redacted;
        }
    }

    /// <summary>Deletes every Idempotency-Key claim past its lifetime at <paramref name="now"/>; returns how many.</summary>
    public async Task<int> DeleteExpiredClaimsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var deleted = 0;
        int round;
        do
        {
            round = await store.DeleteExpiredIdempotencyClaimsAsync(now, BatchSize, cancellationToken).ConfigureAwait(false);
            deleted += round;
        }
        while (round == BatchSize);
        return deleted;
    }

    /// <summary>
    /// Deletes every evidence file uploaded before <paramref name="now"/> less the lifetime and not attached to a case;
    /// returns how many. A file is attached when the submission marks it, before creating the case. A mark whose case
    /// never came to be (the submission stopped in between) counts as unattached once the mark is as old as the lifetime.
    /// Each delete is conditional on the file being unchanged since it was listed, so a mark made meanwhile wins.
    /// </summary>
    public async Task<int> DeleteUnattachedEvidenceAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var uploadedBefore = now - documentOptions.Value.UnattachedEvidenceLifetime;
        var deleted = 0;
        await foreach (var document in documents.ListAsync(EvidenceNames.EvidencePrefix, cancellationToken).ConfigureAwait(false))
        {
            if (document.CreatedAt >= uploadedBefore)
                continue;
            if (document.Metadata.TryGetValue(EvidenceNames.AttachedCaseMetadata, out var caseId)
                && (document.ModifiedAt >= uploadedBefore || await store.FindAsync(caseId, cancellationToken).ConfigureAwait(false) is not null))
                continue;
            if (await documents.DeleteAsync(document.Name, document.Version, cancellationToken).ConfigureAwait(false))
                deleted++;
        }
        if (deleted > 0)
            LogUnattachedDeleted(logger, deleted);
        return deleted;
    }

    /// <summary>A case's stored application and evidence files; deleting what is already gone is fine.</summary>
    private async Task DeleteDocumentsAsync(CaseRecord record, CancellationToken cancellationToken)
    {
        await documents.DeleteAsync(EvidenceNames.ApplicationBlob(record.Id), ifVersion: null, cancellationToken).ConfigureAwait(false);
        foreach (var evidence in record.Evidence)
            await documents.DeleteAsync(EvidenceNames.EvidenceBlob(evidence.EvidenceId), ifVersion: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Finished, or parked for ops: no journey step will add personal data to it any more on its own.</summary>
    public static bool IsFinishedOrParked(string status) => CaseStatus.IsFinished(status) || status == CaseStatus.NeedsAttention;

    /// <summary>Due at <paramref name="now"/>: past its own retention period, or older than the maximum age.</summary>
    public static bool IsDue(CaseRecord record, DateTimeOffset now, DateTimeOffset oldestKept) =>
        record.Retention.RedactedAt is null && (IsPastPeriod(record, now) || record.SubmittedAt < oldestKept);

    private static bool IsPastPeriod(CaseRecord record, DateTimeOffset now) =>
        IsFinishedOrParked(record.Status) && record.Retention.DeleteAfter is { } deleteAfter && deleteAfter < now;

    /// <summary>
    /// Strips personal data in place; false (nothing to write) unless the case is due (see <see cref="IsDue"/>).
    /// Pure in its arguments, so it may run again on a conflict retry.
    /// </summary>
    public static bool Redact(CaseRecord record, DateTimeOffset now, DateTimeOffset oldestKept)
    {
        if (!IsDue(record, now, oldestKept))
            return false;

        record.Application = null;
        record.Identity = record.Identity with { Subject = Redacted };

        // Departments' reasons and citizens' answers are free text that may name people.
        for (var i = 0; i < record.InformationRequests.Count; i++)
        {
            var request = record.InformationRequests[i];
            record.InformationRequests[i] = new InformationRequest
            {
                DecisionId = request.DecisionId,
                Reason = Redacted,
                RequestedAt = request.RequestedAt,
                RespondBy = request.RespondBy,
                AnsweredAt = request.AnsweredAt,
                Answer = null,
            };
        }
        if (record.Decision is not null)
            record.Decision = record.Decision with { Reason = Redacted };
        for (var i = 0; i < record.DecisionsReceived.Count; i++)
            record.DecisionsReceived[i] = record.DecisionsReceived[i] with { Reason = Redacted };

        // The payment link is a bearer URL to the citizen's payment; the payment and refund ids stay for reconciliation.
        if (record.Payment is not null)
            record.Payment.NextUrl = null;

        record.Retention.RedactedAt = now;
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId} still '{Status}' past the maximum case age (submitted {SubmittedAt:O}): redacted; ops must close it")]
    private static partial void LogOverAge(ILogger logger, string caseId, string status, DateTimeOffset submittedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention deleted {Deleted} evidence files never attached to an application")]
    private static partial void LogUnattachedDeleted(ILogger logger, int deleted);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention redacted {Redacted} of {Due} cases due")]
    private static partial void LogRedacted(ILogger logger, int redacted, int due);
}
