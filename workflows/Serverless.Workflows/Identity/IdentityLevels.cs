namespace Serverless.Workflows.Identity;

/// <summary>GOV.UK One Login levels of identity confidence, weakest first.</summary>
public static class IdentityLevels
{
    public static IReadOnlyList<string> Ordered { get; } = ["P0", "P1", "P2"];

    public static bool IsKnown(string level) => Ordered.Contains(level);

    public static bool Meets(string actual, string required) =>
        IsKnown(actual) && IsKnown(required) && Rank(actual) >= Rank(required);

    private static int Rank(string level) => Ordered.ToList().IndexOf(level);
}
