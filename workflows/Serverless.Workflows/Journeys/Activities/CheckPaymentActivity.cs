using Microsoft.DurableTask;
using Serverless.Workflows.Payments;

namespace Serverless.Workflows.Journeys.Activities;

/// <summary>At the payment's expiry, asks Pay for its status once more, in case the webhook was late or lost.</summary>
public sealed class CheckPaymentActivity(JourneyStepContext step, IPaymentGateway payments) : TaskActivity<string, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, string caseId)
    {
        var (record, definition) = await step.LoadAsync(caseId, CancellationToken.None).ConfigureAwait(false);
        if (record.Payment is null)
            return PaymentOutcomes.Failed;
        var state = await payments.GetPaymentAsync(definition.Accounts.Pay!, record.Payment.PaymentId, CancellationToken.None).ConfigureAwait(false);
        // Past its expiry, a payment that has not succeeded has lapsed (Pay reports it failed with code P0020).
        return state.Succeeded ? PaymentOutcomes.Succeeded : PaymentOutcomes.Expired;
    }
}
