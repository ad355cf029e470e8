using Serverless.Workflows.Cases;

namespace Serverless.Workflows.Journeys;

/// <summary>
/// What an operator can do with a parked journey (status <c>needs_attention</c>): retry the failed step, or withdraw
/// the case. Records who acted and why on the case, then raises <see cref="JourneyEvents.Operator"/>. The operator API
/// (<c>POST /api/v1/ops/cases/{case_id}/retry|withdraw</c>) calls this on both hosts.
/// </summary>
public sealed class OperatorActions(ICaseStore cases, TimeProvider clock)
{
    public Task<OperatorActionResult> RetryAsync(string caseId, string actor, string reason, IJourneyClient journeys, CancellationToken cancellationToken) =>
        ActAsync(caseId, new OperatorAction(OperatorActionKinds.Retry, actor, reason), journeys, cancellationToken);

    public Task<OperatorActionResult> WithdrawAsync(string caseId, string actor, string reason, IJourneyClient journeys, CancellationToken cancellationToken) =>
        ActAsync(caseId, new OperatorAction(OperatorActionKinds.Withdraw, actor, reason), journeys, cancellationToken);

    private async Task<OperatorActionResult> ActAsync(
        string caseId, OperatorAction action, IJourneyClient journeys, CancellationToken cancellationToken)
    {
        var record = await cases.FindAsync(caseId, cancellationToken).ConfigureAwait(false);
        if (record is null)
            return OperatorActionResult.NotFound;
        // Only a parked journey waits for an operator: an event raised at any other time would sit in the journey's
        // buffer and answer its next park before anyone had looked at it.
        if (record.Attention is null)
            return OperatorActionResult.NotParked;
        var now = clock.GetUtcNow();
        var outcome = OperatorActionResult.NotParked;
        await cases.UpdateAsync(caseId, c =>
        {
            outcome = Decide(c, action.Action);
            if (outcome != OperatorActionResult.Raised)
                return false;
            c.Timeline.Add(new TimelineEntry(MilestoneOf(action.Action), now, Actors.Operator(action.Actor), action.Reason));
            return true;
        }, cancellationToken).ConfigureAwait(false);
        if (outcome == OperatorActionResult.Raised)
            await journeys.RaiseEventAsync(caseId, JourneyEvents.Operator, action, cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>
    /// One operator action per park: a repeat of the action already taken is acknowledged without raising a second event
    /// (which would answer the journey's next park), and a different action is refused. Decided on the record being
    /// written, so two operators acting at once cannot both raise.
    /// </summary>
    private static OperatorActionResult Decide(CaseRecord c, string kind)
    {
        if (c.Attention is not { } attention)
            return OperatorActionResult.NotParked;
        var taken = c.Timeline.LastOrDefault(t => t.At >= attention.ParkedAt
            && t.Milestone is TimelineMilestones.OperatorRetried or TimelineMilestones.OperatorWithdrew);
        if (taken is null)
            return OperatorActionResult.Raised;
        return taken.Milestone == MilestoneOf(kind) ? OperatorActionResult.AlreadyRaised : OperatorActionResult.OtherActionPending;
    }

    private static string MilestoneOf(string kind) =>
        kind == OperatorActionKinds.Retry ? TimelineMilestones.OperatorRetried : TimelineMilestones.OperatorWithdrew;
}

public enum OperatorActionResult
{
    Raised,

    /// <summary>The same action was already taken on this park; nothing was raised again.</summary>
    AlreadyRaised,
    NotFound,
    NotParked,

    /// <summary>The other action was already taken on this park and the journey has not yet acted on it.</summary>
    OtherActionPending,
}
