using Serverless.Workflows.Definitions;

namespace Serverless.Workflows.Calendar;

/// <summary>
/// Works out a department's reminder and decision deadlines, and moves them when the clock pauses while the citizen is asked
/// for more information. Pure arithmetic on the times given (no clock reads), so orchestrators may call it on replay.
/// </summary>
public sealed class SlaClock(WorkingDayCalendar calendar)
{
    public DepartmentDeadlines Start(SlaDefinition sla, DateTimeOffset handedOffAt) =>
        new(After(sla, sla.RemindAfter, handedOffAt), After(sla, sla.DecideWithin, handedOffAt));

    /// <summary>
    /// The deadlines after a pause from <paramref name="pausedAt"/> to <paramref name="resumedAt"/>. Calendar clock: each
    /// deadline moves by the length of the pause. Working-days clock: the working days that remained at the pause are counted
    /// again from the resume (so a deadline later on the day of the pause falls due as the clock resumes). A deadline already
    /// passed at the pause stays where it was: the reminder went, or the SLA was missed, and a pause does not undo that.
    /// </summary>
    public DepartmentDeadlines Resume(
        SlaDefinition sla, DepartmentDeadlines current, DateTimeOffset pausedAt, DateTimeOffset resumedAt)
    {
        if (resumedAt < pausedAt)
            throw new ArgumentOutOfRangeException(nameof(resumedAt), resumedAt, $"The clock cannot resume ({resumedAt:O}) before it paused ({pausedAt:O}).");

        return new(Shift(sla, current.RemindAt, pausedAt, resumedAt), Shift(sla, current.DueAt, pausedAt, resumedAt));
    }

    private DateTimeOffset After(SlaDefinition sla, string duration, DateTimeOffset start)
    {
        var span = IsoDuration.Parse(duration);
        return sla.Clock switch
        {
            SlaClocks.Calendar => (start + span).ToUniversalTime(),
            SlaClocks.WorkingDays when IsoDuration.IsWholeDays(span) => calendar.AddWorkingDays(start, span.Days),
            SlaClocks.WorkingDays => throw new ArgumentException($"'{duration}' is not whole days, as the {SlaClocks.WorkingDays} clock needs.", nameof(sla)),
            _ => throw UnknownClock(sla),
        };
    }

    private DateTimeOffset Shift(SlaDefinition sla, DateTimeOffset deadline, DateTimeOffset pausedAt, DateTimeOffset resumedAt)
    {
        if (deadline <= pausedAt)
            return deadline.ToUniversalTime();

        return sla.Clock switch
        {
            SlaClocks.Calendar => (deadline + (resumedAt - pausedAt)).ToUniversalTime(),
            SlaClocks.WorkingDays => calendar.AddWorkingDays(resumedAt, calendar.CountWorkingDays(pausedAt, deadline)),
            _ => throw UnknownClock(sla),
        };
    }

    private static ArgumentException UnknownClock(SlaDefinition sla) =>
        new($"'{sla.Clock}' is not an SLA clock: expected {string.Join(" or ", SlaClocks.All)}.", nameof(sla));
}
