using Microsoft.DurableTask;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Notifications;

namespace Serverless.Workflows.Journeys.Activities;

/// <summary>
/// ServiceJourney_v2: a notification failed after its retries. The case and its timeline say so and ops are alerted,
/// so someone can reach the citizen another way; the journey itself goes on.
/// </summary>
public sealed class RecordNotificationFailureActivity(JourneyStepContext step) : TaskActivity<CitizenNotice, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, CitizenNotice input)
    {
        var now = step.Now;
        var milestone = TimelineMilestones.NotificationFailed + ":" + input.Milestone;
        var recorded = false;
        var record = await step.UpdateAsync(input.CaseId, c => recorded = JourneyStepContext.RecordOnce(c, milestone, Actors.Platform, now), CancellationToken.None)
            .ConfigureAwait(false);
        if (recorded)
            step.Telemetry.NotificationFailed(JourneyStepContext.KeyOf(record), input.Milestone, NotificationStatuses.NotSent);
        return recorded;
    }
}
