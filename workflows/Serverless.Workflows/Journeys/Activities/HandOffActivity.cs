using Microsoft.DurableTask;
using Serverless.Workflows.Calendar;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Departments;
using Serverless.Workflows.Payments;

namespace Serverless.Workflows.Journeys.Activities;

/// <summary>
/// Step 3: records the payment (if any), starts the SLA clock, and hands the case to the department's queue as
/// structured data. The case moves to 'with department' before the message goes, so a fast decision always finds it there.
/// </summary>
public sealed class HandOffActivity(JourneyStepContext step, SlaClock sla, IDepartmentQueues queues, DepartmentHandOff handOff) : TaskActivity<string, DepartmentDeadlines>
{
    public override async Task<DepartmentDeadlines> RunAsync(TaskActivityContext context, string caseId)
    {
        var cancellationToken = CancellationToken.None;
        var (record, definition) = await step.LoadAsync(caseId, cancellationToken).ConfigureAwait(false);
        var now = step.Now;
        var handedOff = false;
        record = await step.UpdateAsync(caseId, c =>
        {
            if (c.Department is not null)
                return false;
            if (c.Payment is { } payment)
            {
                payment.Status = PayStatuses.Success;
                JourneyStepContext.RecordOnce(c, TimelineMilestones.PaymentReceived, Actors.Pay, now);
            }
            var deadlines = sla.Start(definition.DecisionSla, now);
            c.Department = new DepartmentProgress { HandedOffAt = now, RemindAt = deadlines.RemindAt, DueAt = deadlines.DueAt };
            CaseTransitions.Move(c, CaseStatus.WithDepartment, "hand off");
            c.Step = JourneySteps.Department;
            JourneyStepContext.RecordOnce(c, TimelineMilestones.SentToDepartment, Actors.Platform, now);
            return handedOff = true;
        }, cancellationToken).ConfigureAwait(false);

        if (handedOff && record.Payment is not null)
            step.Telemetry.StepCompleted(definition.Key, JourneySteps.Payment, now - record.Timeline.First(t => t.Milestone == TimelineMilestones.PaymentRequested).At);

        var message = await handOff.SubmittedAsync(record, definition, now, cancellationToken).ConfigureAwait(false);
        await queues.SendAsync(definition.Department.Queue, message, cancellationToken).ConfigureAwait(false);
        await step.Notifier.NotifyOnceAsync(record, definition, Milestones.WithDepartment, cancellationToken).ConfigureAwait(false);
        return new DepartmentDeadlines(record.Department!.RemindAt, record.Department.DueAt);
    }
}
