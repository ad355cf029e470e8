using Microsoft.DurableTask;
using Serverless.Workflows.Calendar;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Departments;

namespace Serverless.Workflows.Journeys.Activities;

/// <summary>The citizen answered: restarts the SLA clock from where it paused and sends the answer to the department.</summary>
public sealed class ReturnToDepartmentActivity(JourneyStepContext step, SlaClock sla, IDepartmentQueues queues)
    : TaskActivity<ReturnToDepartment, DepartmentDeadlines>
{
    public override async Task<DepartmentDeadlines> RunAsync(TaskActivityContext context, ReturnToDepartment input)
    {
        var now = step.Now;
        var (_, definition) = await step.LoadAsync(input.CaseId, CancellationToken.None).ConfigureAwait(false);
        var record = await step.UpdateAsync(input.CaseId, c =>
        {
            if (c.Status == CaseStatus.WithDepartment)
                return false;
            var resumed = sla.Resume(definition.DecisionSla, new DepartmentDeadlines(c.Department!.RemindAt, c.Department.DueAt), input.PausedAt, input.ResumedAt);
            c.Department.RemindAt = resumed.RemindAt;
            c.Department.DueAt = resumed.DueAt;
            CaseTransitions.Move(c, CaseStatus.WithDepartment, "return to department");
            c.Step = JourneySteps.Department;
            c.Timeline.Add(new TimelineEntry(TimelineMilestones.InformationProvided, now, Actors.Citizen));
            return true;
        }, CancellationToken.None).ConfigureAwait(false);

        var request = record.InformationRequests.Single(r => r.DecisionId == input.DecisionId);
        await queues.SendAsync(definition.Department.Queue, DepartmentMessages.InformationProvided(record, definition, request, now), CancellationToken.None)
            .ConfigureAwait(false);
        return new DepartmentDeadlines(record.Department!.RemindAt, record.Department.DueAt);
    }
}
