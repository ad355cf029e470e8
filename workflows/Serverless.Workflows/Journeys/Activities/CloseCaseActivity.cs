using Microsoft.DurableTask;

namespace Serverless.Workflows.Journeys.Activities;

/// <summary>Closes a case without a decision (payment failed or expired, information not provided).</summary>
public sealed class CloseCaseActivity(CaseCloser closer) : TaskActivity<CloseCase, JourneyOutcome>
{
    public override Task<JourneyOutcome> RunAsync(TaskActivityContext context, CloseCase input) =>
        closer.CloseAsync(input.CaseId, input.Reason, CancellationToken.None);
}
