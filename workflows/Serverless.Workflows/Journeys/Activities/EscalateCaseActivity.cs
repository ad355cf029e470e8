using Microsoft.DurableTask;
using Serverless.Workflows.Cases;

namespace Serverless.Workflows.Journeys.Activities;

/// <summary>At the SLA breach, marks the case escalated (the journey keeps waiting for the decision) and raises the alert signal.</summary>
public sealed class EscalateCaseActivity(JourneyStepContext step) : TaskActivity<string, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, string caseId)
    {
        var now = step.Now;
        var escalated = false;
        var record = await step.UpdateAsync(caseId, c =>
        {
            if (c.Department is null || c.Department.EscalatedAt is not null)
                return false;
            c.Department.EscalatedAt = now;
            c.Timeline.Add(new TimelineEntry(TimelineMilestones.SlaBreached, now, Actors.Platform));
            return escalated = true;
        }, CancellationToken.None).ConfigureAwait(false);
        if (escalated)
            step.Telemetry.SlaBreached(JourneyStepContext.KeyOf(record));
        return escalated;
    }
}
