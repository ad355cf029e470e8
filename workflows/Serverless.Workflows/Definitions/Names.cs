using System.Text.RegularExpressions;

namespace Serverless.Workflows.Definitions;

/// <summary>The shapes of the names a definition uses: ids, queues and credential names.</summary>
internal static partial class Names
{
    public const int MinQueueLength = 3;
    public const int MaxQueueLength = 63;

    public static bool IsServiceId(string? value) => value is not null && ServiceId().IsMatch(value);

    /// <summary>Azure Storage queue rules: 3-63 characters of lower-case letters, digits and single inner hyphens.</summary>
    public static bool IsQueueName(string? value) =>
        value is { Length: >= MinQueueLength and <= MaxQueueLength } && HyphenatedLowerCase().IsMatch(value);

    /// <summary>Department ids and credential names: lower-case letters, digits and single inner hyphens (a Key Vault secret suffix).</summary>
    public static bool IsHyphenatedName(string? value, int maxLength = 63) =>
        value is not null && value.Length <= maxLength && HyphenatedLowerCase().IsMatch(value);

    [GeneratedRegex(@"^[a-z][a-z0-9-]{2,40}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ServiceId();

    [GeneratedRegex(@"^[a-z0-9]+(?:-[a-z0-9]+)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex HyphenatedLowerCase();
}
