using System.Globalization;
using System.Text.RegularExpressions;

namespace Serverless.Workflows.Definitions;

/// <summary>
/// ISO 8601 durations limited to days and time (<c>P5D</c>, <c>PT12H</c>, <c>P1DT6H30M</c>). Years, months and weeks are
/// refused: a month has no fixed length, and under a working-days SLA "a week" could mean 5 or 7 days.
/// </summary>
public static partial class IsoDuration
{
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var duration, out var error) ? duration : throw new FormatException(error);

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why, quoting the text.</summary>
    public static bool TryParse(string? text, out TimeSpan duration, out string error)
    {
        duration = TimeSpan.Zero;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "a duration is required (ISO 8601, e.g. P5D or PT12H)";
            return false;
        }

        var match = DaysAndTime().Match(text);
        if (!match.Success || !HasAnyComponent(match))
        {
            error = UnsupportedUnits().IsMatch(text)
                ? $"'{text}' uses years, months or weeks, which this platform does not accept: write days, e.g. P365D or P14D"
                : $"'{text}' is not an ISO 8601 duration (days and time only, e.g. P5D, PT12H or P1DT6H)";
            return false;
        }

        try
        {
            duration =
                TimeSpan.FromDays(Component(match, "days")) +
                TimeSpan.FromHours(Component(match, "hours")) +
                TimeSpan.FromMinutes(Component(match, "minutes")) +
                TimeSpan.FromSeconds(Component(match, "seconds"));
            return true;
        }
        catch (Exception ex) when (ex is OverflowException or ArgumentOutOfRangeException)
        {
            error = $"'{text}' is too long a duration";
            return false;
        }
    }

    /// <summary>True when the duration is a whole number of days with no time part, as a working-days SLA needs.</summary>
    public static bool IsWholeDays(TimeSpan duration) => duration.Ticks % TimeSpan.TicksPerDay == 0;

    // "P" alone and "PT" with nothing after it match the pattern but are not durations.
    private static bool HasAnyComponent(Match match) =>
        match.Groups["days"].Success || match.Groups["hours"].Success ||
        match.Groups["minutes"].Success || match.Groups["seconds"].Success;

    private static long Component(Match match, string name) =>
        match.Groups[name].Success ? long.Parse(match.Groups[name].Value, NumberStyles.None, CultureInfo.InvariantCulture) : 0;

    // ASCII digits only (\d would accept any Unicode digit); capped counts keep each part within long before TimeSpan checks range.
    [GeneratedRegex(@"^P(?:(?<days>[0-9]{1,7})D)?(?:T(?=[0-9])(?:(?<hours>[0-9]{1,9})H)?(?:(?<minutes>[0-9]{1,11})M)?(?:(?<seconds>[0-9]{1,12})S)?)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex DaysAndTime();

    [GeneratedRegex(@"^P[0-9]+[YMW]", RegexOptions.CultureInvariant)]
    private static partial Regex UnsupportedUnits();
}
