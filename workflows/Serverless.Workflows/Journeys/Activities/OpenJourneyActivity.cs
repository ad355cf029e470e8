using Microsoft.DurableTask;

namespace Serverless.Workflows.Journeys.Activities;

/// <summary>Step 1 from ServiceJourney_v2 on: records on the case which orchestrator runs its journey, then opens it.</summary>
public sealed class OpenJourneyActivity(JourneyStepContext step, CaseOpener opener) : TaskActivity<OpenJourney, OpenedJourney>
{
    public override async Task<OpenedJourney> RunAsync(TaskActivityContext context, OpenJourney input)
    {
        await step.UpdateAsync(input.CaseId, c =>
        {
            if (c.OrchestratorVersion == input.Orchestrator)
                return false;
            c.OrchestratorVersion = input.Orchestrator;
            return true;
        }, CancellationToken.None).ConfigureAwait(false);
        return await opener.OpenAsync(input.CaseId, CancellationToken.None).ConfigureAwait(false);
    }
}
