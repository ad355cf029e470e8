using Microsoft.DurableTask;

namespace Serverless.Workflows.Journeys.Activities;

/// <summary>
/// ServiceJourney_v2: records the department's decision on the case, and nothing else, so a Notify or Pay outage can
/// never hold a decision back: the notification and the refund are steps of their own.
/// </summary>
public sealed class RecordDecisionActivity(CaseConcluder concluder) : TaskActivity<ConcludeCase, JourneyOutcome>
{
    public override async Task<JourneyOutcome> RunAsync(TaskActivityContext context, ConcludeCase input)
    {
        var (_, _, status) = await concluder.RecordAsync(input.CaseId, input.Decision, CancellationToken.None).ConfigureAwait(false);
        return new JourneyOutcome(status, null);
    }
}
