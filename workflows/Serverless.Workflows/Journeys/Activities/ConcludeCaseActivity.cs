using Microsoft.DurableTask;
using Serverless.Workflows.Payments;

namespace Serverless.Workflows.Journeys.Activities;

/// <summary>
/// ServiceJourney (v1)'s step 4 end: records the department's decision, tells the citizen, refunds by
/// <see cref="RefundRule"/> (compensation), and starts the retention clock. v2 runs these as separate steps.
/// </summary>
public sealed class ConcludeCaseActivity(JourneyStepContext step, CaseConcluder concluder, CaseRefunder refunder) : TaskActivity<ConcludeCase, JourneyOutcome>
{
    public override async Task<JourneyOutcome> RunAsync(TaskActivityContext context, ConcludeCase input)
    {
        var cancellationToken = CancellationToken.None;
        var (record, definition, status) = await concluder.RecordAsync(input.CaseId, input.Decision, cancellationToken).ConfigureAwait(false);
        // The citizen hears the decision first: a refund that keeps failing must not hold it back. Such a refund fails
        // the step after its retries, which fails the journey and alerts ops, with the case already decided.
        await step.Notifier.NotifyOnceAsync(record, definition, CaseConcluder.MilestoneOf(status), cancellationToken).ConfigureAwait(false);
        // Keyed by the case: a retried step gets the same refund back, never a second one.
        await refunder.RefundIfDueAsync(record, definition, cancellationToken).ConfigureAwait(false);
        return new JourneyOutcome(status, null);
    }
}
