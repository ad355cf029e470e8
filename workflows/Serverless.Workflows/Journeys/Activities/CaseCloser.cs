using Serverless.Workflows.Cases;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Payments;

namespace Serverless.Workflows.Journeys.Activities;

/// <summary>Ends a case without a decision, tells the citizen why, and starts its retention clock.</summary>
public sealed class CaseCloser(JourneyStepContext step, IPaymentGateway payments, CaseRefunder refunder)
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
            return closed = true;
        }, cancellationToken).ConfigureAwait(false);

        if (record.Status == CaseStatus.AwaitingInformation)
            return new JourneyOutcome(CaseStatus.AwaitingInformation, null);
        if (closed)
            step.Telemetry.JourneyFailed(definition.Key, reason);
        if (reason is CloseReasons.PaymentExpired or CloseReasons.PaymentFailed)
            record = await RefundIfPaidAfterAllAsync(record, definition, cancellationToken).ConfigureAwait(false);
        await step.Notifier.NotifyOnceAsync(record, definition, Milestones.Closed, cancellationToken).ConfigureAwait(false);
        return new JourneyOutcome(CaseStatus.Closed, record.Outcome);
    }

    private static bool IsAnswered(CaseRecord c, string reason) =>
        reason == CloseReasons.InformationNotProvided && c.InformationRequests.LastOrDefault()?.AnsweredAt is not null;

    /// <summary>
    /// The citizen may finish paying between the expiry check and the close: ask Pay once more, and refund a payment that
    /// went through (a webhook arriving after the close is refunded by the webhook handler).
    /// </summary>
    private async Task<CaseRecord> RefundIfPaidAfterAllAsync(CaseRecord record, ServiceDefinition definition, CancellationToken cancellationToken)
    {
        if (record.Payment is not { RefundId: null } payment)
            return record;
        var state = await payments.GetPaymentAsync(definition.Accounts.Pay!, payment.PaymentId, cancellationToken).ConfigureAwait(false);
        return state.Succeeded
            ? await refunder.RefundAsync(record, definition, record.Id + ":late-refund", cancellationToken).ConfigureAwait(false)
            : record;
    }
}
