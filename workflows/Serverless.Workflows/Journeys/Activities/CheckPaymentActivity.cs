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
        // Past its expiry, a payment still unfinished has lapsed (Pay reports P0020 once it notices); a declined,
        // cancelled or errored one has failed.
        return state.Outcome ?? PaymentOutcomes.Expired;
    }
}
