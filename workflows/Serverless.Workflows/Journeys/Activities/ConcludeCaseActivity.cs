using Microsoft.DurableTask;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Departments;
using Serverless.Workflows.Payments;

namespace Serverless.Workflows.Journeys.Activities;

/// <summary>
/// Step 4's end: records the department's decision, refunds a rejected paid case when the service says so
/// (compensation), tells the citizen, and starts the retention clock.
/// </summary>
public sealed class ConcludeCaseActivity(JourneyStepContext step, CaseRefunder refunder) : TaskActivity<ConcludeCase, JourneyOutcome>
{
    public override async Task<JourneyOutcome> RunAsync(TaskActivityContext context, ConcludeCase input)
    {
        var cancellationToken = CancellationToken.None;
        var decision = input.Decision;
        var (_, definition) = await step.LoadAsync(input.CaseId, cancellationToken).ConfigureAwait(false);
        var status = decision.Outcome == DecisionOutcomes.Approved ? CaseStatus.Approved : CaseStatus.Rejected;
        var now = step.Now;
        var concluded = false;
        var record = await step.UpdateAsync(input.CaseId, c =>
        {
            if (CaseStatus.IsFinished(c.Status))
                return false;
            JourneyStepContext.Finish(c, status, status, "decide", definition, now);
            c.Decision = c.DecisionsReceived.Single(d => d.DecisionId == decision.DecisionId);
            c.Timeline.Add(new TimelineEntry(status, now, Actors.Department(decision.DepartmentId)));
            return concluded = true;
        }, cancellationToken).ConfigureAwait(false);

        if (concluded)
        {
            step.Telemetry.StepCompleted(definition.Key, JourneySteps.Decision, now - record.Department!.HandedOffAt);
            step.Telemetry.JourneyCompleted(definition.Key, status);
        }
        // The citizen hears the decision first: a refund that keeps failing must not hold it back. Such a refund fails
        // the step after its retries, which fails the journey and alerts ops, with the case already decided.
        await step.Notifier.NotifyOnceAsync(record, definition, status == CaseStatus.Approved ? Milestones.Approved : Milestones.Rejected, cancellationToken)
            .ConfigureAwait(false);
        // Keyed by the case: a retried step gets the same refund back, never a second one.
        if (status == CaseStatus.Rejected && definition.RefundOnRejection)
            await refunder.RefundAsync(record, definition, record.Id + ":refund", cancellationToken).ConfigureAwait(false);
        return new JourneyOutcome(status, null);
    }
}
