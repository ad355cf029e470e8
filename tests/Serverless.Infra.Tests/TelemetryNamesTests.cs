using System.Text.RegularExpressions;
using Serverless.Workflows.Telemetry;

namespace Serverless.Infra.Tests;

/// <summary>The workbook and alert queries use only event, metric and dimension names from TelemetryNames.</summary>
[Collection(InfraCollection.Name)]
public sealed partial class TelemetryNamesTests(CompiledInfra infra)
{
    [Fact]
    public void Every_name_the_workbook_and_alerts_query_is_in_TelemetryNames()
    {
        var queries = InfraQueries.Queries(infra.Deployment("dev"));
        var known = TelemetryNames.Events.Concat(TelemetryNames.Metrics).ToHashSet(StringComparer.Ordinal);
        var dimensions = TelemetryNames.Dimensions.ToHashSet(StringComparer.Ordinal);

        Assert.Contains(queries, q => q.Source.StartsWith("workbook", StringComparison.Ordinal));
        Assert.Contains(queries, q => q.Source.StartsWith("alert", StringComparison.Ordinal));
        Assert.All(queries, query =>
        {
            foreach (var name in ComparedNames(query.Kql))
                Assert.True(known.Contains(name), $"{query.Source}: '{name}' is not an event or metric in TelemetryNames");
            foreach (var dimension in DimensionNames(query.Kql))
                Assert.True(dimensions.Contains(dimension), $"{query.Source}: dimension '{dimension}' is not in TelemetryNames");
        });
    }

    /// <summary>Ops see every journey event and metric the app emits (issue 4: the workbook's panels and the alerts).</summary>
    [Fact]
    public void The_workbook_and_alerts_cover_every_event_and_metric()
    {
        var used = InfraQueries.Queries(infra.Deployment("dev")).SelectMany(q => ComparedNames(q.Kql)).ToHashSet(StringComparer.Ordinal);

        var unused = TelemetryNames.Events.Concat(TelemetryNames.Metrics).Where(n => !used.Contains(n)).ToList();
        Assert.True(unused.Count == 0, $"Emitted but on no workbook panel or alert: {string.Join(", ", unused)}");
    }

    [Fact]
    public void Name_extraction_finds_equality_in_lists_and_both_dimension_syntaxes()
    {
        const string kql = "customEvents | where name == 'A' or name in ('B', \"C\") | extend x = customDimensions.D, y = customDimensions[\"E\"], z = tostring(customDimensions['F'])";

        Assert.Equal(["A", "B", "C"], ComparedNames(kql).Order(StringComparer.Ordinal));
        Assert.Equal(["D", "E", "F"], DimensionNames(kql).Order(StringComparer.Ordinal));
    }

    private static IEnumerable<string> ComparedNames(string kql) =>
        NameEquals().Matches(kql).Select(m => m.Groups["name"].Value)
            .Concat(NameIn().Matches(kql).SelectMany(m => QuotedString().Matches(m.Groups["list"].Value).Select(q => q.Groups["value"].Value)))
            .Distinct(StringComparer.Ordinal);

    private static IEnumerable<string> DimensionNames(string kql) =>
        DimensionAccess().Matches(kql).Select(m => m.Groups["dot"].Success ? m.Groups["dot"].Value : m.Groups["index"].Value)
            .Distinct(StringComparer.Ordinal);

    [GeneratedRegex(@"\bname\s*==\s*['""](?<name>[^'""]+)['""]")]
    private static partial Regex NameEquals();

    [GeneratedRegex(@"\bname\s+in\s*\((?<list>[^)]*)\)")]
    private static partial Regex NameIn();

    [GeneratedRegex(@"['""](?<value>[^'""]+)['""]")]
    private static partial Regex QuotedString();

    [GeneratedRegex(@"customDimensions(?:\.(?<dot>\w+)|\[\s*['""](?<index>[^'""]+)['""]\s*\])")]
    private static partial Regex DimensionAccess();
}
