namespace Serverless.Workflows.Definitions;

/// <summary>Values of <see cref="SlaDefinition.Clock"/>.</summary>
public static class SlaClocks
{
    /// <summary>Durations are elapsed time: P5D is 120 hours, weekends included.</summary>
    public const string Calendar = "calendar";

    /// <summary>Each day of a duration is a working day in England and Wales: weekends and bank holidays do not count.</summary>
    public const string WorkingDays = "working_days";

    public static IReadOnlyList<string> All { get; } = [Calendar, WorkingDays];
}
