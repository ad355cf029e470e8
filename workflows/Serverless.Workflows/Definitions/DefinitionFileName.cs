using System.Globalization;
using System.Text.RegularExpressions;

namespace Serverless.Workflows.Definitions;

/// <summary>The service id and version a file's name promises: <c>services/&lt;service_id&gt;/v&lt;N&gt;.json</c>.</summary>
internal sealed partial record DefinitionFileName(string Folder, int Version)
{
    public static DefinitionFileName? TryParse(string sourceName)
    {
        // Resource names built on Windows carry backslashes from %(RecursiveDir).
        var match = Shape().Match(sourceName.Replace('\\', '/'));
        if (!match.Success || !int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            return null;
        return new DefinitionFileName(match.Groups["dir"].Value, version);
    }

    [GeneratedRegex(@"^services/(?<dir>[^/]+)/v(?<n>[0-9]{1,9})\.json\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
