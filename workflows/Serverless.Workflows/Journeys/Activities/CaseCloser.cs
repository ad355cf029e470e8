using Serverless.Workflows.Cases;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Payments;

namespace Serverless.Workflows.Journeys.Activities;

/// <summary>Ends a case without a decision, tells the citizen why, and starts its retention clock.</summary>
public sealed class CaseCloser(JourneyStepContext step, CaseRefunder refunder)
{
    /// <returns>
    /// The closed outcome; or, for <see cref="CloseReasons.InformationNotProvided"/>, the case still awaiting information
    /// when the citizen's answer was saved just before the deadline (its event queued behind the timer): the answer wins.
    /// </returns>
    public async Task<JourneyOutcome> CloseAsync(string caseId, string reason, CancellationToken cancellationToken)
    {
        var (_, definition) = await step.LoadAsync(caseId, cancellationToken).ConfigureAwait(false);
        var now = step.Now;
        var closed = false;
        var record = await step.UpdateAsync(caseId, c =>
        {
            if (CaseStatus.IsFinished(c.Status) || IsAnswered(c, reason))
                return false;
            JourneyStepContext.Finish(c, CaseStatus.Closed, reason, "close:" + reason, definition, now);
            JourneyStepContext.RecordOnce(c, TimelineMilestones.Closed, Actors.Platform, now);
            c.Attention = null;
            return closed = true;
        }, cancellationToken).ConfigureAwait(false);

        if (record.Status == CaseStatus.AwaitingInformation)
            return new JourneyOutcome(CaseStatus.AwaitingInformation, null);
        if (closed)
            step.Telemetry.JourneyFailed(definition.Key, reason);
        // The citizen may have finished paying between the expiry check and the close: the refunder asks Pay (a webhook
        // arriving after the close is refunded by the webhook handler, by the same rule and key).
        record = await refunder.RefundIfDueAsync(record, definition, cancellationToken).ConfigureAwait(false);
        await step.Notifier.NotifyOnceAsync(record, definition, Milestones.Closed, cancellationToken).ConfigureAwait(false);
        return new JourneyOutcome(CaseStatus.Closed, record.Outcome);
    }

    private static bool IsAnswered(CaseRecord c, string reason) =>
        reason == CloseReasons.InformationNotProvided && c.InformationRequests.LastOrDefault()?.AnsweredAt is not null;
}
