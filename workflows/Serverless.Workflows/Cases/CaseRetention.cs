using Microsoft.Extensions.Logging;

namespace Serverless.Workflows.Cases;

/// <summary>
/// Removes personal data from finished cases once their retention period ends, keeping a minimal audit stub: ids,
/// service and definition version, reference, department, status, outcome, timeline milestones, notification and payment
/// bookkeeping, and dates. The journey sets <c>retention.delete_after</c> when a case finishes; this only consumes it.
/// Runs the same on the emulator (no TTL) and in Azure: a query for due cases, then one conditional update per case.
/// </summary>
public sealed partial class CaseRetention(ICaseStore store, TimeProvider clock, ILogger<CaseRetention> logger)
{
    /// <summary>What replaces free text and identifiers that may be personal data.</summary>
    public const string Redacted = "[redacted]";

    /// <summary>Cases fetched per round.</summary>
    public const int BatchSize = 100;

    /// <summary>Redacts every case due now: what the hosts' timers run.</summary>
    public Task<int> RedactDueAsync(CancellationToken cancellationToken) => RedactAsync(clock.GetUtcNow(), cancellationToken);

    /// <summary>Redacts every case due at <paramref name="now"/>; returns how many it redacted.</summary>
    public async Task<int> RedactAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var redacted = 0;
        while (true)
        {
            var due = await store.ListDueForRedactionAsync(now, BatchSize, cancellationToken);
            var progress = 0;
            foreach (var candidate in due)
            {
                try
                {
                    var changed = false;
                    await store.UpdateAsync(candidate.Id, record => changed = Redact(record, now), cancellationToken);
                    if (changed)
                        progress++;
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

    /// <summary>
    /// Strips personal data in place; false (nothing to write) unless the case is finished, due and not yet redacted.
    /// Pure in the record and <paramref name="now"/>, so it may run again on a conflict retry.
    /// </summary>
    public static bool Redact(CaseRecord record, DateTimeOffset now)
    {
        if (!CaseStatus.IsFinished(record.Status)
            || record.Retention.RedactedAt is not null
            || record.Retention.DeleteAfter is not { } deleteAfter
            || deleteAfter >= now)
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention redacted {Redacted} of {Due} cases due")]
    private static partial void LogRedacted(ILogger logger, int redacted, int due);
}
