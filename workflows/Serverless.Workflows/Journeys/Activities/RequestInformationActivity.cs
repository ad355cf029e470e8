using Microsoft.DurableTask;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Definitions;

namespace Serverless.Workflows.Journeys.Activities;

/// <summary>The department asked for more information: records the request, pauses the SLA clock, and tells the citizen.</summary>
public sealed class RequestInformationActivity(JourneyStepContext step) : TaskActivity<RequestInformation, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, RequestInformation input)
    {
        var now = step.Now;
        var (_, definition) = await step.LoadAsync(input.CaseId, CancellationToken.None).ConfigureAwait(false);
        var record = await step.UpdateAsync(input.CaseId, c =>
        {
            if (c.InformationRequests.Exists(r => r.DecisionId == input.Decision.DecisionId))
                return false;
            CaseTransitions.Move(c, CaseStatus.AwaitingInformation, "request information");
            c.Step = JourneySteps.Information;
            c.InformationRequests.Add(new InformationRequest
            {
                DecisionId = input.Decision.DecisionId,
                Reason = c.DecisionsReceived.Single(d => d.DecisionId == input.Decision.DecisionId).Reason,
                RequestedAt = now,
                RespondBy = input.RespondBy,
            });
            c.Timeline.Add(new TimelineEntry(TimelineMilestones.InformationRequested, now, Actors.Department(input.Decision.DepartmentId)));
            return true;
        }, CancellationToken.None).ConfigureAwait(false);

        // One notification per request: the key carries the decision id.
        await step.Notifier.NotifyOnceAsync(record, definition, Milestones.InformationRequested, CancellationToken.None, input.Decision.DecisionId)
            .ConfigureAwait(false);
        return true;
    }
}
