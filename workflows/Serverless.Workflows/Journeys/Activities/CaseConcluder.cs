using Serverless.Workflows.Cases;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Departments;

namespace Serverless.Workflows.Journeys.Activities;

/// <summary>Records the department's decision as the case's final status and starts the retention clock.</summary>
public sealed class CaseConcluder(JourneyStepContext step)
{
    public async Task<(CaseRecord Record, ServiceDefinition Definition, string Status)> RecordAsync(
        string caseId, DecisionMade decision, CancellationToken cancellationToken)
    {
        var (_, definition) = await step.LoadAsync(caseId, cancellationToken).ConfigureAwait(false);
        var status = decision.Outcome == DecisionOutcomes.Approved ? CaseStatus.Approved : CaseStatus.Rejected;
        var now = step.Now;
        var concluded = false;
        var record = await step.UpdateAsync(caseId, c =>
        {
            if (CaseStatus.IsFinished(c.Status))
                return false;
            JourneyStepContext.Finish(c, status, status, "decide", definition, now);
            c.Decision = c.DecisionsReceived.Single(d => d.DecisionId == decision.DecisionId);
            c.Timeline.Add(new TimelineEntry(status, now, Actors.Department(decision.DepartmentId)));
            return concluded = true;
        }, cancellationToken).ConfigureAwait(false);

        if (concluded)
        {
            step.Telemetry.StepCompleted(definition.Key, JourneySteps.Decision, now - record.Department!.HandedOffAt);
            step.Telemetry.JourneyCompleted(definition.Key, status);
        }
        return (record, definition, status);
    }

    public static string MilestoneOf(string status) => status == CaseStatus.Approved ? Milestones.Approved : Milestones.Rejected;
}
