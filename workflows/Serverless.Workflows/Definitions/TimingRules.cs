namespace Serverless.Workflows.Definitions;

/// <summary>The decision SLA, the citizen's time to answer and the retention period.</summary>
internal static class TimingRules
{
    public static void Check(ServiceDefinition definition, ProblemList problems)
    {
        var sla = definition.DecisionSla;
        var workingDays = sla.Clock == SlaClocks.WorkingDays;
        if (!SlaClocks.All.Contains(sla.Clock, StringComparer.Ordinal))
            problems.Add("decision_sla.clock", $"'{sla.Clock}' is not a clock: use {string.Join(" or ", SlaClocks.All)}");

        var decideWithin = Duration("decision_sla.decide_within", sla.DecideWithin, workingDays, problems);
        var remindAfter = Duration("decision_sla.remind_after", sla.RemindAfter, workingDays, problems);
        if (decideWithin is not null && remindAfter is not null && remindAfter >= decideWithin)
            problems.Add("decision_sla.remind_after", $"'{sla.RemindAfter}' must be shorter than decide_within '{sla.DecideWithin}': the reminder comes before the deadline");

        Duration("information_response_within", definition.InformationResponseWithin, wholeDays: false, problems);
        Duration("retention.delete_application_data_after", definition.Retention.DeleteApplicationDataAfter, wholeDays: false, problems);
    }

    private static TimeSpan? Duration(string field, string text, bool wholeDays, ProblemList problems)
    {
        if (!IsoDuration.TryParse(text, out var duration, out var error))
        {
            problems.Add(field, error);
            return null;
        }

        if (duration <= TimeSpan.Zero)
        {
            problems.Add(field, $"'{text}' must be longer than zero");
            return null;
        }

        if (wholeDays && !IsoDuration.IsWholeDays(duration))
        {
            problems.Add(field, $"'{text}' must be whole days under the {SlaClocks.WorkingDays} clock, e.g. P10D");
            return null;
        }

        return duration;
    }
}
