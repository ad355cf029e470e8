using Serverless.Workflows.Cases;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Notifications;
using Serverless.Workflows.Telemetry;

namespace Serverless.Workflows.Journeys.Activities;

/// <summary>What every journey step needs: the case, its pinned definition, the clock, notifications and telemetry.</summary>
public sealed class JourneyStepContext(
    ICaseStore cases, IDefinitionCatalog catalog, CitizenNotifier notifier, IJourneyTelemetry telemetry, TimeProvider clock)
{
    public ICaseStore Cases => cases;
    public CitizenNotifier Notifier => notifier;
    public IJourneyTelemetry Telemetry => telemetry;
    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<(CaseRecord Record, ServiceDefinition Definition)> LoadAsync(string caseId, CancellationToken cancellationToken)
    {
        var record = await cases.FindAsync(caseId, cancellationToken).ConfigureAwait(false)
            ?? throw new CaseNotFoundException(caseId);
        return (record, catalog.Get(new DefinitionKey(record.ServiceId, record.DefinitionVersion)));
    }

    /// <summary>Applies a step's change to the case; <paramref name="change"/> returns false when it was already made.</summary>
    public Task<CaseRecord> UpdateAsync(string caseId, Func<CaseRecord, bool> change, CancellationToken cancellationToken) =>
        cases.UpdateAsync(caseId, change, cancellationToken);

    /// <summary>Appends a milestone unless the case already has it: steps are retried, the timeline must not repeat.</summary>
    public static bool RecordOnce(CaseRecord record, string milestone, string actor, DateTimeOffset at)
    {
        if (record.HasMilestone(milestone))
            return false;
        record.Timeline.Add(new TimelineEntry(milestone, at, actor));
        return true;
    }

    /// <summary>Ends the case in a final status: the step is done, and the retention clock starts now.</summary>
    public static void Finish(CaseRecord record, string status, string outcome, string operation, ServiceDefinition definition, DateTimeOffset now)
    {
        CaseTransitions.Move(record, status, operation);
        record.Step = JourneySteps.Finished;
        record.Outcome = outcome;
        record.FinishedAt = now;
        record.Retention.DeleteAfter = now + IsoDuration.Parse(definition.Retention.DeleteApplicationDataAfter);
    }

    public static DefinitionKey KeyOf(CaseRecord record) => new(record.ServiceId, record.DefinitionVersion);
}
