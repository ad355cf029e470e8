using Serverless.Workflows.Cases;

namespace Serverless.Workflows.Journeys;

/// <summary>
/// What an operator can do with a parked journey (status <c>needs_attention</c>): retry the failed step, or withdraw
/// the case. Records who acted and why on the case, then raises <see cref="JourneyEvents.Operator"/>. The HTTP route
/// over this comes with the operations API; this is the application method it will call.
/// </summary>
public sealed class OperatorActions(ICaseStore cases, TimeProvider clock)
{
    public Task<OperatorActionResult> RetryAsync(string caseId, string actor, string reason, IJourneyClient journeys, CancellationToken cancellationToken) =>
        ActAsync(caseId, new OperatorAction(OperatorActionKinds.Retry, actor, reason), TimelineMilestones.OperatorRetried, journeys, cancellationToken);

    public Task<OperatorActionResult> WithdrawAsync(string caseId, string actor, string reason, IJourneyClient journeys, CancellationToken cancellationToken) =>
        ActAsync(caseId, new OperatorAction(OperatorActionKinds.Withdraw, actor, reason), TimelineMilestones.OperatorWithdrew, journeys, cancellationToken);

    private async Task<OperatorActionResult> ActAsync(
        string caseId, OperatorAction action, string milestone, IJourneyClient journeys, CancellationToken cancellationToken)
    {
        var record = await cases.FindAsync(caseId, cancellationToken).ConfigureAwait(false);
        if (record is null)
            return OperatorActionResult.NotFound;
        // Only a parked journey waits for an operator: an event raised at any other time would sit in the journey's
        // buffer and answer its next park before anyone had looked at it.
        if (record.Attention is null)
            return OperatorActionResult.NotParked;
        var now = clock.GetUtcNow();
        await cases.UpdateAsync(caseId, c =>
        {
            c.Timeline.Add(new TimelineEntry(milestone, now, Actors.Operator(action.Actor)));
            return true;
        }, cancellationToken).ConfigureAwait(false);
        await journeys.RaiseEventAsync(caseId, JourneyEvents.Operator, action, cancellationToken).ConfigureAwait(false);
        return OperatorActionResult.Raised;
    }
}

public enum OperatorActionResult
{
    Raised,
    NotFound,
    NotParked,
}
