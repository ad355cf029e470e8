using System.Text.Json;

namespace Serverless.Workflows.Calendar;

/// <summary>
/// Working days in England and Wales: Monday to Friday, less bank holidays. Times of day are London time, because that is
/// when department offices open; results are in UTC.
/// </summary>
public sealed class WorkingDayCalendar
{
    private const string BundledResource = "bank-holidays.json";
    private const string Division = "england-and-wales";
    private static readonly Lazy<WorkingDayCalendar> Bundled = new(ReadBundled);

    private readonly HashSet<DateOnly> bankHolidays;

    public WorkingDayCalendar(IEnumerable<DateOnly> bankHolidays, TimeZoneInfo? timeZone = null)
    {
        this.bankHolidays = [.. bankHolidays];
        TimeZone = timeZone ?? LondonOrUtc();
        CoveredUntil = this.bankHolidays.Count == 0 ? DateOnly.MinValue : new DateOnly(this.bankHolidays.Max().Year, 12, 31);
    }

    /// <summary>
    /// The last day the bank holiday data speaks for (31 December of its last year). After it only weekends are skipped,
    /// so startup should warn when this is near.
    /// </summary>
    public DateOnly CoveredUntil { get; }

    /// <summary>Europe/London, or UTC where the host has no time zone data.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>The calendar built from the GOV.UK bank holidays file shipped with the engine.</summary>
    public static WorkingDayCalendar LoadBundled() => Bundled.Value;

    /// <summary>Reads the england-and-wales division of a file in the shape of GOV.UK's bank-holidays.json.</summary>
    public static WorkingDayCalendar FromGovUkJson(string json, TimeZoneInfo? timeZone = null)
    {
        using var document = JsonDocument.Parse(json);
        var events = document.RootElement.GetProperty(Division).GetProperty("events");
        var dates = events.EnumerateArray().Select(e => DateOnly.ParseExact(e.GetProperty("date").GetString()!, "yyyy-MM-dd"));
        return new WorkingDayCalendar(dates, timeZone);
    }

    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !bankHolidays.Contains(date);

    /// <summary>
    /// The same London time of day on the <paramref name="days"/>th working day after <paramref name="from"/>'s date, in UTC.
    /// Thursday 24 December 2026 plus 1 is Tuesday 29 December (Christmas, the weekend and the Boxing Day substitute skipped).
    /// </summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        if (days == 0)
            return from.ToUniversalTime();

        var local = TimeZoneInfo.ConvertTime(from, TimeZone);
        var date = DateOnly.FromDateTime(local.DateTime);
        for (var remaining = days; remaining > 0;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
                remaining--;
        }

        // The target is a weekday and UK clocks change on Sundays, so the local time always exists exactly once.
        var target = date.ToDateTime(TimeOnly.FromDateTime(local.DateTime));
        return new DateTimeOffset(target, TimeZone.GetUtcOffset(target)).ToUniversalTime();
    }

    /// <summary>
    /// Working days after <paramref name="from"/>'s London date up to and including <paramref name="to"/>'s: the inverse of
    /// <see cref="AddWorkingDays"/>. Zero when <paramref name="to"/> is not later.
    /// </summary>
    public int CountWorkingDays(DateTimeOffset from, DateTimeOffset to)
    {
        var first = LocalDate(from);
        var last = LocalDate(to);
        var count = 0;
        for (var date = first.AddDays(1); date <= last; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
                count++;
        }

        return count;
    }

    private DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    private static WorkingDayCalendar ReadBundled()
    {
        using var stream = typeof(WorkingDayCalendar).Assembly.GetManifestResourceStream(BundledResource)
            ?? throw new InvalidOperationException($"The engine was built without its {BundledResource} resource.");
        using var reader = new StreamReader(stream);
        return FromGovUkJson(reader.ReadToEnd());
    }

    private static TimeZoneInfo LondonOrUtc()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
