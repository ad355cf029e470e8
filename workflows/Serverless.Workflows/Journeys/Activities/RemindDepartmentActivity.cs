using Microsoft.DurableTask;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Departments;

namespace Serverless.Workflows.Journeys.Activities;

/// <summary>At the reminder point, reminds the department that a decision is due.</summary>
public sealed class RemindDepartmentActivity(JourneyStepContext step, IDepartmentQueues queues) : TaskActivity<string, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, string caseId)
    {
        var now = step.Now;
        var (_, definition) = await step.LoadAsync(caseId, CancellationToken.None).ConfigureAwait(false);
        var record = await step.UpdateAsync(caseId, c =>
        {
            if (c.Department is null || c.Department.RemindedAt is not null)
                return false;
            c.Department.RemindedAt = now;
            c.Timeline.Add(new TimelineEntry(TimelineMilestones.DepartmentReminded, now, Actors.Platform));
            return true;
        }, CancellationToken.None).ConfigureAwait(false);
        await queues.SendAsync(definition.Department.Queue, DepartmentMessages.Reminder(record, definition, now), CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
