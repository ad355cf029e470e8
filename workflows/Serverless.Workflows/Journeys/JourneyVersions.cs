using Serverless.Workflows.Journeys.V1;
using Serverless.Workflows.Journeys.V2;

namespace Serverless.Workflows.Journeys;

/// <summary>
/// The journey orchestrators, by registered name. The name carries the version: a released version keeps its name and
/// its code's history for as long as a journey may run on it, and a change to its awaits is a new name (README.md here).
/// Both hosts register every entry; new journeys start on <see cref="Current"/>, running ones finish on theirs.
/// </summary>
public static class JourneyVersions
{
    /// <summary>The first release, named before versions were: journeys already in flight replay it under this name.</summary>
    public const string V1 = "ServiceJourney";

    /// <summary>Parks failed steps for ops, per-step retry windows, notifications off the critical path.</summary>
    public const string V2 = "ServiceJourney_v2";

    /// <summary>The version new journeys start on.</summary>
    public const string Current = V2;

    public static IReadOnlyDictionary<string, Type> Orchestrators { get; } = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        [V1] = typeof(ServiceJourneyV1),
        [V2] = typeof(ServiceJourneyV2),
    };
}
