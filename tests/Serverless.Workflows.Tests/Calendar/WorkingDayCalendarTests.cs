namespace Serverless.Workflows.Tests.Calendar;

public class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.LoadBundled();

    private static DateTimeOffset Utc(int year, int month, int day, int hour = 10) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Working_day_sla_skips_weekend_and_bank_holiday()
    {
        // Thursday 24 December 2026: Christmas (Fri), the weekend, and Boxing Day's substitute (Mon 28th) are skipped.
        var handedOffAt = Utc(2026, 12, 24);

        Assert.Equal(Utc(2026, 12, 29), Calendar.AddWorkingDays(handedOffAt, 1));
        Assert.Equal(Utc(2026, 12, 30), Calendar.AddWorkingDays(handedOffAt, 2));
    }

    [Fact]
    public void London_time_of_day_is_kept_across_the_clocks_going_forward()
    {
        // 09:00 GMT on Friday 27 March 2026; clocks go forward on Sunday 29th, so 09:00 on Monday is 08:00 UTC.
        var result = Calendar.AddWorkingDays(Utc(2026, 3, 27, 9), 1);

        Assert.Equal(Utc(2026, 3, 30, 8), result);
        Assert.Equal(TimeSpan.Zero, result.Offset);
    }

    [Fact]
    public void Hand_off_late_in_the_london_evening_counts_from_the_london_date()
    {
        // 23:30 UTC on Tuesday 30 June 2026 is already Wednesday 1 July, 00:30, in London.
        var result = Calendar.AddWorkingDays(new DateTimeOffset(2026, 6, 30, 23, 30, 0, TimeSpan.Zero), 1);

        Assert.Equal(new DateTimeOffset(2026, 7, 1, 23, 30, 0, TimeSpan.Zero), result);
    }

    [Fact]
    public void Weekend_hand_off_counts_from_the_next_working_day()
    {
        Assert.Equal(Utc(2026, 6, 8), Calendar.AddWorkingDays(Utc(2026, 6, 6), 1));
    }

    [Fact]
    public void Adding_no_working_days_returns_the_same_instant_in_utc()
    {
        var saturday = new DateTimeOffset(2026, 6, 6, 11, 0, 0, TimeSpan.FromHours(1));

        Assert.Equal(Utc(2026, 6, 6), Calendar.AddWorkingDays(saturday, 0));
        Assert.Equal(TimeSpan.Zero, Calendar.AddWorkingDays(saturday, 0).Offset);
    }

    [Fact]
    public void Negative_working_days_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingDays(Utc(2026, 6, 1), -1));
    }

    [Fact]
    public void Counting_working_days_is_the_inverse_of_adding_them()
    {
        var from = Utc(2026, 12, 21);
        for (var days = 0; days <= 15; days++)
            Assert.Equal(days, Calendar.CountWorkingDays(from, Calendar.AddWorkingDays(from, days)));
    }

    [Fact]
    public void Counting_backwards_gives_zero()
    {
        Assert.Equal(0, Calendar.CountWorkingDays(Utc(2026, 6, 10), Utc(2026, 6, 1)));
    }

    [Theory]
    [InlineData("2025-01-01")]
    [InlineData("2025-04-18")]
    [InlineData("2025-04-21")]
    [InlineData("2025-05-05")]
    [InlineData("2025-05-26")]
    [InlineData("2025-08-25")]
    [InlineData("2025-12-25")]
    [InlineData("2025-12-26")]
    [InlineData("2026-01-01")]
    [InlineData("2026-04-03")]
    [InlineData("2026-04-06")]
    [InlineData("2026-05-04")]
    [InlineData("2026-05-25")]
    [InlineData("2026-08-31")]
    [InlineData("2026-12-25")]
    [InlineData("2026-12-28")]
    [InlineData("2027-01-01")]
    [InlineData("2027-03-26")]
    [InlineData("2027-03-29")]
    [InlineData("2027-05-03")]
    [InlineData("2027-05-31")]
    [InlineData("2027-08-30")]
    [InlineData("2027-12-27")]
    [InlineData("2027-12-28")]
    [InlineData("2028-01-03")]
    [InlineData("2028-04-14")]
    [InlineData("2028-04-17")]
    [InlineData("2028-05-01")]
    [InlineData("2028-05-29")]
    [InlineData("2028-08-28")]
    [InlineData("2028-12-25")]
    [InlineData("2028-12-26")]
    public void Bundled_england_and_wales_bank_holidays_are_not_working_days(string date)
    {
        Assert.False(Calendar.IsWorkingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Ordinary_weekdays_are_working_days_and_weekends_are_not()
    {
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2026, 12, 24)));
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2026, 12, 26)));
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2026, 12, 27)));
    }

    [Fact]
    public void Bundled_data_covers_until_the_end_of_2028()
    {
        Assert.Equal(new DateOnly(2028, 12, 31), Calendar.CoveredUntil);
    }

    [Fact]
    public void Dates_past_coverage_skip_only_weekends()
    {
        // New Year's Day 2029 is a Monday, but no data says so yet.
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2029, 1, 1)));
        Assert.Equal(Utc(2029, 1, 1), Calendar.AddWorkingDays(Utc(2028, 12, 29), 1));
    }

    [Fact]
    public void Bundled_calendar_uses_london_time()
    {
        Assert.Equal("Europe/London", Calendar.TimeZone.Id);
    }

    [Fact]
    public void Calendar_reads_any_file_in_the_gov_uk_shape()
    {
        const string json = """
            { "england-and-wales": { "division": "england-and-wales", "events": [
                { "title": "Made-up day", "date": "2030-06-03", "notes": "", "bunting": true } ] } }
            """;

        var calendar = WorkingDayCalendar.FromGovUkJson(json, TimeZoneInfo.Utc);

        Assert.False(calendar.IsWorkingDay(new DateOnly(2030, 6, 3)));
        Assert.Equal(new DateOnly(2030, 12, 31), calendar.CoveredUntil);
    }
}
