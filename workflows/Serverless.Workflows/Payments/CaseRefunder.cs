using Serverless.Workflows.Cases;
using Serverless.Workflows.Definitions;

namespace Serverless.Workflows.Payments;

/// <summary>Refunds a case's payment in full, once: the key makes a retried refund return the first one, and the case records it.</summary>
public sealed class CaseRefunder(IPaymentGateway payments, ICaseStore cases, TimeProvider clock)
{
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
