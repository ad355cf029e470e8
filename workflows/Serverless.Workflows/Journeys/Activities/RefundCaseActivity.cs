using Microsoft.DurableTask;
using Serverless.Workflows.Payments;

namespace Serverless.Workflows.Journeys.Activities;

/// <summary>ServiceJourney_v2: applies <see cref="RefundRule"/> to the decided case (compensation); once per case.</summary>
public sealed class RefundCaseActivity(JourneyStepContext step, CaseRefunder refunder) : TaskActivity<string, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, string caseId)
    {
        var (record, definition) = await step.LoadAsync(caseId, CancellationToken.None).ConfigureAwait(false);
        var after = await refunder.RefundIfDueAsync(record, definition, CancellationToken.None).ConfigureAwait(false);
        return after.Payment?.RefundId is not null;
    }
}
