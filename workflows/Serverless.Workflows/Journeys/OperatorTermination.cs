using Serverless.Workflows.Cases;
using Serverless.Workflows.Journeys.Activities;

namespace Serverless.Workflows.Journeys;

/// <summary>
/// An operator ends a case's journey where it stands (parked, or in any status the case can close from: not while with
/// the department, whose decision the case waits for): records who and why, terminates the orchestration,
/// then closes the case as <see cref="CloseReasons.Terminated"/> the way the journey closes one (the citizen is told, and
/// RefundRule refunds what was paid). Each step is idempotent, so repeating a terminate that stopped half-way finishes it.
/// </summary>
public sealed class OperatorTermination(ICaseStore cases, CaseCloser closer, TimeProvider clock)
{
    public async Task<OperatorTerminationResult> TerminateAsync(
        string caseId, string actor, string reason, IJourneyClient journeys, CancellationToken cancellationToken)
    {
        var record = await cases.FindAsync(caseId, cancellationToken).ConfigureAwait(false);
        if (record is null)
            return OperatorTerminationResult.NotFound;
        if (record.Status == CaseStatus.Closed && record.Outcome == CloseReasons.Terminated)
            return OperatorTerminationResult.AlreadyTerminated;
        if (CaseStatus.IsFinished(record.Status))
            return OperatorTerminationResult.Finished;
        // Checked before anything is stopped: a journey terminated on a case that then could not close would leave the
        // case open with nothing running it. With the department, a case waits for the department's decision.
        if (!CaseTransitions.IsAllowed(record.Status, CaseStatus.Closed))
            return OperatorTerminationResult.NotClosable;

        var now = clock.GetUtcNow();
        await cases.UpdateAsync(caseId, c =>
        {
            if (c.HasMilestone(TimelineMilestones.OperatorTerminated))
                return false;
            c.Timeline.Add(new TimelineEntry(TimelineMilestones.OperatorTerminated, now, Actors.Operator(actor), reason));
            return true;
        }, cancellationToken).ConfigureAwait(false);
        // The orchestration first, so it schedules no further step. A step already running finishes; the steps leave a
        // finished case alone, as they do when a journey's own close races them.
        await journeys.TerminateAsync(caseId, cancellationToken).ConfigureAwait(false);
        var outcome = await closer.CloseAsync(caseId, CloseReasons.Terminated, cancellationToken).ConfigureAwait(false);
        // A decision that landed between our check and the close wins: the case ended with it, not terminated.
        return outcome.Status == CaseStatus.Closed && outcome.Reason == CloseReasons.Terminated
            ? OperatorTerminationResult.Terminated
            : OperatorTerminationResult.Finished;
    }
}

public enum OperatorTerminationResult
{
    Terminated,
    AlreadyTerminated,
    NotFound,

    /// <summary>The case's status cannot move to closed (it is with the department): nothing was changed.</summary>
    NotClosable,

    /// <summary>The case had already ended (decided or closed another way): nothing to terminate.</summary>
    Finished,
}
