using Serverless.Workflows.Cases;
using Serverless.Workflows.Definitions;

namespace Serverless.Workflows.Journeys.Activities;

/// <summary>Ends a case without a decision, tells the citizen why, and starts its retention clock.</summary>
public sealed class CaseCloser(JourneyStepContext step)
{
    public async Task<JourneyOutcome> CloseAsync(string caseId, string reason, CancellationToken cancellationToken)
    {
        var (_, definition) = await step.LoadAsync(caseId, cancellationToken).ConfigureAwait(false);
        var now = step.Now;
        var closed = false;
        var record = await step.UpdateAsync(caseId, c =>
        {
            if (CaseStatus.IsFinished(c.Status))
                return false;
            CaseTransitions.Move(c, CaseStatus.Closed, "close:" + reason);
            c.Step = JourneySteps.Finished;
            c.Outcome = reason;
            c.FinishedAt = now;
            c.Retention.DeleteAfter = now + IsoDuration.Parse(definition.Retention.DeleteApplicationDataAfter);
            JourneyStepContext.RecordOnce(c, TimelineMilestones.Closed, Actors.Platform, now);
            return closed = true;
        }, cancellationToken).ConfigureAwait(false);

        if (closed)
            step.Telemetry.JourneyFailed(definition.Key, reason);
        await step.Notifier.NotifyOnceAsync(record, definition, Milestones.Closed, cancellationToken).ConfigureAwait(false);
        return new JourneyOutcome(CaseStatus.Closed, record.Outcome);
    }
}
