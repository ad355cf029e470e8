using Serverless.Workflows.Cases;
using Serverless.Workflows.Definitions;

namespace Serverless.Workflows.Payments;

/// <summary>Refunds a case's payment in full, once: the key makes a retried refund return the first one, and the case records it.</summary>
public sealed class CaseRefunder(IPaymentGateway payments, ICaseStore cases, TimeProvider clock)
{
    /// <summary>
    /// Applies <see cref="RefundRule"/> to a finished case: refunds the payment if the rule says so and the money was
    /// taken (asking Pay when the case has not seen the success: the citizen may have paid as the case closed).
    /// </summary>
    public async Task<CaseRecord> RefundIfDueAsync(CaseRecord record, ServiceDefinition definition, CancellationToken cancellationToken)
    {
        if (record.Payment is not { RefundId: null } payment || !CaseStatus.IsFinished(record.Status)
            || !RefundRule.Refunds(RefundRule.EndingOf(record), definition))
            return record;
        if (payment.Status != PayStatuses.Success
            && !(await payments.GetPaymentAsync(definition.Accounts.Pay!, payment.PaymentId, cancellationToken).ConfigureAwait(false)).Succeeded)
            return record;
        return await RefundAsync(record, definition, RefundRule.IdempotencyKey(record), cancellationToken).ConfigureAwait(false);
    }

    public async Task<CaseRecord> RefundAsync(CaseRecord record, ServiceDefinition definition, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (record.Payment is not { RefundId: null } payment)
            return record;
        var refund = await payments.RefundAsync(definition.Accounts.Pay!, payment.PaymentId, payment.AmountPence, idempotencyKey, cancellationToken)
            .ConfigureAwait(false);
        var now = clock.GetUtcNow();
        return await cases.UpdateAsync(record.Id, c =>
        {
            if (c.Payment is null || c.Payment.RefundId is not null)
                return false;
            c.Payment.RefundId = refund.RefundId;
            c.Payment.RefundStatus = refund.Status;
            c.Timeline.Add(new TimelineEntry(TimelineMilestones.Refunded, now, Actors.Pay));
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }
}
