using Microsoft.DurableTask;

namespace Serverless.Workflows.Journeys.Activities;

/// <summary>Step 1 of ServiceJourney (v1); v2 opens with <see cref="OpenJourneyActivity"/>, which also records its version.</summary>
public sealed class OpenCaseActivity(CaseOpener opener) : TaskActivity<string, OpenedJourney>
{
    public override Task<OpenedJourney> RunAsync(TaskActivityContext context, string caseId) => opener.OpenAsync(caseId, CancellationToken.None);
}
