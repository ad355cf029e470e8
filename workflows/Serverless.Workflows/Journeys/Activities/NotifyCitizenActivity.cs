using Microsoft.DurableTask;

namespace Serverless.Workflows.Journeys.Activities;

/// <summary>ServiceJourney_v2: tells the citizen about a milestone already recorded, with its own long retry (off the critical path).</summary>
public sealed class NotifyCitizenActivity(JourneyStepContext step) : TaskActivity<CitizenNotice, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, CitizenNotice input)
    {
        var (record, definition) = await step.LoadAsync(input.CaseId, CancellationToken.None).ConfigureAwait(false);
        await step.Notifier.NotifyOnceAsync(record, definition, input.Milestone, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
