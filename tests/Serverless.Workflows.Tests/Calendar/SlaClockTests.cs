namespace Serverless.Workflows.Tests.Calendar;

public class SlaClockTests
{
    private static readonly SlaClock Clock = new(WorkingDayCalendar.LoadBundled());

    private static readonly SlaDefinition CalendarSla = new() { Clock = SlaClocks.Calendar, DecideWithin = "P5D", RemindAfter = "P3D" };
    private static readonly SlaDefinition WorkingDaysSla = new() { Clock = SlaClocks.WorkingDays, DecideWithin = "P10D", RemindAfter = "P7D" };

    private static DateTimeOffset Utc(int year, int month, int day, int hour = 10) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Calendar_sla_counts_elapsed_days_from_hand_off()
    {
        var deadlines = Clock.Start(CalendarSla, Utc(2026, 12, 24));

        Assert.Equal(new DepartmentDeadlines(Utc(2026, 12, 27), Utc(2026, 12, 29)), deadlines);
    }

    [Fact]
    public void Working_day_sla_skips_weekends_and_bank_holidays_from_hand_off()
    {
        // From Thu 24 Dec 2026: Christmas, Boxing Day's substitute and New Year's Day 2027 are skipped.
        var deadlines = Clock.Start(WorkingDaysSla, Utc(2026, 12, 24));

        Assert.Equal(new DepartmentDeadlines(Utc(2027, 1, 7), Utc(2027, 1, 12)), deadlines);
    }

    [Fact]
    public void Deadlines_are_given_in_utc()
    {
        var deadlines = Clock.Start(CalendarSla, new DateTimeOffset(2026, 6, 1, 11, 0, 0, TimeSpan.FromHours(1)));

        Assert.Equal(TimeSpan.Zero, deadlines.DueAt.Offset);
        Assert.Equal(Utc(2026, 6, 6), deadlines.DueAt);
    }

    [Fact]
    public void Calendar_clock_resume_shifts_both_deadlines_by_the_pause()
    {
        var started = Clock.Start(CalendarSla, Utc(2026, 6, 1));

        var resumed = Clock.Resume(CalendarSla, started, pausedAt: Utc(2026, 6, 2), resumedAt: Utc(2026, 6, 9, 16));

        var pause = TimeSpan.FromDays(7) + TimeSpan.FromHours(6);
        Assert.Equal(new DepartmentDeadlines(started.RemindAt + pause, started.DueAt + pause), resumed);
    }

    [Fact]
    public void Working_days_clock_resume_counts_the_remaining_working_days_again_from_resume()
    {
        // Handed off Mon 1 Jun 2026: remind Wed 10 Jun, due Mon 15 Jun. Paused Tue 2 Jun with 6 and 9 working days left.
        var started = Clock.Start(WorkingDaysSla, Utc(2026, 6, 1));
        Assert.Equal(new DepartmentDeadlines(Utc(2026, 6, 10), Utc(2026, 6, 15)), started);

        // Resumed Thu 24 Dec 2026 at 14:00: Christmas, Boxing Day's substitute and New Year's Day do not count.
        var resumed = Clock.Resume(WorkingDaysSla, started, pausedAt: Utc(2026, 6, 2), resumedAt: Utc(2026, 12, 24, 14));

        Assert.Equal(new DepartmentDeadlines(Utc(2027, 1, 6, 14), Utc(2027, 1, 11, 14)), resumed);
    }

    [Fact]
    public void Deadline_passed_before_the_pause_stays_where_it_was()
    {
        var started = Clock.Start(CalendarSla, Utc(2026, 6, 1));

        var resumed = Clock.Resume(CalendarSla, started, pausedAt: Utc(2026, 6, 5), resumedAt: Utc(2026, 6, 8));

        Assert.Equal(started.RemindAt, resumed.RemindAt);
        Assert.Equal(started.DueAt + TimeSpan.FromDays(3), resumed.DueAt);
    }

    [Fact]
    public void Resuming_before_pausing_is_refused()
    {
        var started = Clock.Start(CalendarSla, Utc(2026, 6, 1));

        Assert.Throws<ArgumentOutOfRangeException>(() => Clock.Resume(CalendarSla, started, Utc(2026, 6, 3), Utc(2026, 6, 2)));
    }

    [Fact]
    public void Unknown_clock_is_refused()
    {
        var sla = CalendarSla with { Clock = "sundial" };

        var exception = Assert.Throws<ArgumentException>(() => Clock.Start(sla, Utc(2026, 6, 1)));
        Assert.Contains("'sundial' is not an SLA clock", exception.Message, StringComparison.Ordinal);
    }
}
