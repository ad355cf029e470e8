using Microsoft.DurableTask;
using Serverless.Workflows.Cases;

namespace Serverless.Workflows.Journeys.Activities;

/// <summary>Records that the journey stopped on a failed step, on the case's timeline and as a failed journey for ops.</summary>
public sealed class RecordJourneyFailureActivity(JourneyStepContext step) : TaskActivity<JourneyFailure, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, JourneyFailure input)
    {
        var now = step.Now;
        var recorded = false;
        var record = await step.UpdateAsync(input.CaseId, c => recorded = JourneyStepContext.RecordOnce(c, TimelineMilestones.JourneyFailed, Actors.Platform, now),
            CancellationToken.None).ConfigureAwait(false);
        if (recorded)
            step.Telemetry.JourneyFailed(JourneyStepContext.KeyOf(record), "error:" + input.FailedStep);
        return recorded;
    }
}
