namespace Serverless.Workflows.Tests.Definitions;

public class IsoDurationTests
{
    [Theory]
    [InlineData("P5D", 5, 0, 0, 0)]
    [InlineData("PT12H", 0, 12, 0, 0)]
    [InlineData("P1DT6H30M", 1, 6, 30, 0)]
    [InlineData("PT90M", 0, 1, 30, 0)]
    [InlineData("PT45S", 0, 0, 0, 45)]
    [InlineData("P365D", 365, 0, 0, 0)]
    [InlineData("P0D", 0, 0, 0, 0)]
    public void Days_and_time_parse_to_a_timespan(string text, int days, int hours, int minutes, int seconds)
    {
        Assert.True(IsoDuration.TryParse(text, out var duration, out var error), error);
        Assert.Equal(new TimeSpan(days, hours, minutes, seconds), duration);
    }

    [Theory]
    [InlineData("P10X")]
    [InlineData("5D")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1DT")]
    [InlineData("p5d")]
    [InlineData("P1.5D")]
    [InlineData("-P1D")]
    [InlineData("P5D ")]
    [InlineData("P5D\n")]
    [InlineData("PT5H3D")]
    [InlineData("P٣D")]
    public void Garbage_is_not_a_duration(string text)
    {
        Assert.False(IsoDuration.TryParse(text, out _, out var error));
        Assert.Equal($"'{text}' is not an ISO 8601 duration (days and time only, e.g. P5D, PT12H or P1DT6H)", error);
    }

    [Theory]
    [InlineData("P1Y")]
    [InlineData("P6M")]
    [InlineData("P2W")]
    [InlineData("P1Y2M3D")]
    public void Years_months_and_weeks_are_refused_with_advice(string text)
    {
        Assert.False(IsoDuration.TryParse(text, out _, out var error));
        Assert.Contains("years, months or weeks", error, StringComparison.Ordinal);
        Assert.Contains("write days", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Missing_duration_says_one_is_required(string? text)
    {
        Assert.False(IsoDuration.TryParse(text, out _, out var error));
        Assert.StartsWith("a duration is required", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Duration_beyond_timespan_range_is_refused_not_thrown()
    {
        Assert.False(IsoDuration.TryParse("PT999999999999S", out _, out var error));
        Assert.Equal("'PT999999999999S' is too long a duration", error);
    }

    [Fact]
    public void Parse_throws_a_format_exception_carrying_the_reason()
    {
        var exception = Assert.Throws<FormatException>(() => IsoDuration.Parse("P10X"));
        Assert.StartsWith("'P10X' is not an ISO 8601 duration", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("P10D", true)]
    [InlineData("PT48H", true)]
    [InlineData("P1DT1H", false)]
    [InlineData("PT30M", false)]
    public void Whole_days_have_no_time_part(string text, bool wholeDays) =>
        Assert.Equal(wholeDays, IsoDuration.IsWholeDays(IsoDuration.Parse(text)));
}
