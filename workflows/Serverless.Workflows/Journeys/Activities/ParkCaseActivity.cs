using Microsoft.DurableTask;
using Serverless.Workflows.Cases;

namespace Serverless.Workflows.Journeys.Activities;

/// <summary>
/// ServiceJourney_v2: a step failed after all its retries. The case shows <c>needs_attention</c> with the failed step
/// and the status it returns to, the timeline records it, and ops are alerted. A case already decided keeps its
/// decision (only a refund can fail after it): it records the failed step and alerts, without a status change.
/// </summary>
public sealed class ParkCaseActivity(JourneyStepContext step) : TaskActivity<ParkJourney, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ParkJourney input)
    {
        var now = step.Now;
        var parked = false;
        var record = await step.UpdateAsync(input.CaseId, c =>
        {
            if (c.Attention is not null)
                return false;
            c.Attention = new AttentionState { FailedStep = input.FailedStep, ParkedFrom = c.Status, ParkedAt = now };
            if (!CaseStatus.IsFinished(c.Status))
                CaseTransitions.Move(c, CaseStatus.NeedsAttention, "park " + input.FailedStep);
            c.Timeline.Add(new TimelineEntry(TimelineMilestones.NeedsAttention, now, Actors.Platform));
            return parked = true;
        }, CancellationToken.None).ConfigureAwait(false);
        if (parked)
            step.Telemetry.JourneyNeedsAttention(JourneyStepContext.KeyOf(record), input.FailedStep);
        return parked;
    }
}
