using Microsoft.DurableTask;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Definitions;

namespace Serverless.Workflows.Journeys.Activities;

/// <summary>
/// Records that the journey stopped on a failed step: on the timeline, as a failed journey for ops' alert, and (unless
/// the case was already decided) as the case's final status, so it leaves worklists and sweeps and its data is retained
/// no longer than any other finished case's.
/// </summary>
public sealed class RecordJourneyFailureActivity(JourneyStepContext step) : TaskActivity<JourneyFailure, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, JourneyFailure input)
    {
        var now = step.Now;
        var (_, definition) = await step.LoadAsync(input.CaseId, CancellationToken.None).ConfigureAwait(false);
        var recorded = false;
        var record = await step.UpdateAsync(input.CaseId, c =>
        {
            if (!JourneyStepContext.RecordOnce(c, TimelineMilestones.JourneyFailed, Actors.Platform, now))
                return false;
            if (!CaseStatus.IsFinished(c.Status))
                JourneyStepContext.Finish(c, CaseStatus.Failed, "error", "record failure", definition, now);
            return recorded = true;
        }, CancellationToken.None).ConfigureAwait(false);
        if (recorded)
            step.Telemetry.JourneyFailed(JourneyStepContext.KeyOf(record), "error:" + input.FailedStep);
        return recorded;
    }
}
