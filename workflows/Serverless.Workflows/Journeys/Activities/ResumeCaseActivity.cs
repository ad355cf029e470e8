using Microsoft.DurableTask;
using Serverless.Workflows.Cases;

namespace Serverless.Workflows.Journeys.Activities;

/// <summary>ServiceJourney_v2: an operator asked to retry the parked step; the case goes back to the status it was parked from.</summary>
public sealed class ResumeCaseActivity(JourneyStepContext step) : TaskActivity<string, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, string caseId)
    {
        await step.UpdateAsync(caseId, c =>
        {
            if (c.Attention is not { } attention)
                return false;
            if (c.Status == CaseStatus.NeedsAttention)
                CaseTransitions.Move(c, attention.ParkedFrom, "resume " + attention.FailedStep);
            c.Attention = null;
            return true;
        }, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
