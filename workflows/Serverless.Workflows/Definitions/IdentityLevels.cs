namespace Serverless.Workflows.Definitions;

/// <summary>GOV.UK One Login levels of confidence a definition may ask for (<see cref="ServiceDefinition.IdentityLevel"/>).</summary>
public static class IdentityLevels
{
    public const string P0 = "P0";
    public const string P1 = "P1";
    public const string P2 = "P2";

    public static IReadOnlyList<string> All { get; } = [P0, P1, P2];
}
