namespace Serverless.Workflows.Definitions;

/// <summary>GOV.UK One Login levels of confidence, weakest first (<see cref="ServiceDefinition.IdentityLevel"/>).</summary>
public static class IdentityLevels
{
    public const string P0 = "P0";
    public const string P1 = "P1";
    public const string P2 = "P2";

    public static IReadOnlyList<string> All { get; } = [P0, P1, P2];

    public static bool IsKnown(string level) => All.Contains(level, StringComparer.Ordinal);

    /// <summary>Whether a verified level is at least the level a service requires.</summary>
    public static bool Meets(string actual, string required) =>
        IsKnown(actual) && IsKnown(required) && Rank(actual) >= Rank(required);

    private static int Rank(string level) => All.ToList().IndexOf(level);
}
