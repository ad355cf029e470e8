using System.Text.RegularExpressions;

namespace Serverless.Infra.Tests;

/// <summary>CI compiles and lints infra/ with the real Bicep CLI; any diagnostic at all fails.</summary>
[Collection(InfraCollection.Name)]
public sealed partial class BicepCompilationTests(CompiledInfra infra)
{
    [Fact]
    public void Main_bicep_builds_with_no_errors_warnings_or_linter_findings() =>
        Assert.True(infra.Main.Clean, infra.Main.Describe());

    [Fact]
    public void Every_parameter_file_builds_with_no_diagnostics()
    {
        Assert.Equal(["dev", "prod"], infra.ParameterFiles.Keys.Order(StringComparer.Ordinal));
        var failures = infra.ParameterFiles.Values.Where(run => !run.Clean).Select(run => run.Describe()).ToList();
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Every_linter_rule_is_an_error_and_the_api_version_rule_has_a_pinned_date()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(infra.InfraDirectory, "bicepconfig.json")), null,
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        var rules = config["analyzers"]!["core"]!["rules"]!.AsObject();

        Assert.True(config["analyzers"]!["core"]!["enabled"]!.GetValue<bool>());
        Assert.All(rules, rule => Assert.Equal("error", rule.Value!["level"]!.GetValue<string>()));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", rules["use-recent-api-versions"]!["test-today"]!.GetValue<string>());
    }

    /// <summary>The one suppression allowed: diagnosticSettings has no GA API newer than the legacy 2016-09-01.</summary>
    [Fact]
    public void Linter_suppressions_are_only_the_justified_diagnostic_settings_api_version()
    {
        foreach (var file in Directory.EnumerateFiles(infra.InfraDirectory, "*.bicep*", SearchOption.AllDirectories))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (!lines[i].TrimStart().StartsWith("#disable", StringComparison.Ordinal))
                    continue;
                var where = $"{Path.GetFileName(file)}:{i + 1}";
                Assert.True(lines[i].Trim() == "#disable-next-line use-recent-api-versions", $"{where}: unexpected suppression '{lines[i].Trim()}'");
                Assert.True(i + 1 < lines.Length && lines[i + 1].Contains("'Microsoft.Insights/diagnosticSettings@", StringComparison.Ordinal),
                    $"{where}: use-recent-api-versions may only be suppressed on a diagnosticSettings resource");
                Assert.True(i > 0 && lines[i - 1].TrimStart().StartsWith("//", StringComparison.Ordinal), $"{where}: say why above the suppression");
            }
        }
    }

    /// <summary>azd reads main.parameters.json: it may only name parameters main.bicep declares, and must give the required ones.</summary>
    [Fact]
    public void The_azd_parameters_file_matches_main_bicep()
    {
        var declared = infra.MainTemplate["parameters"]!.AsObject();
        var azd = JsonNode.Parse(File.ReadAllText(Path.Combine(infra.InfraDirectory, "main.parameters.json")))!["parameters"]!.AsObject();

        Assert.All(azd, p => Assert.True(declared.ContainsKey(p.Key), $"main.parameters.json sets unknown parameter '{p.Key}'"));
        var required = declared.Where(p => p.Value is JsonObject o && !o.ContainsKey("defaultValue")).Select(p => p.Key);
        Assert.All(required, name => Assert.True(azd.ContainsKey(name), $"main.parameters.json does not set required parameter '{name}'"));
    }

    [Fact]
    public void Azure_yaml_deploys_the_functions_project_as_the_api_service()
    {
        var yaml = File.ReadAllText(Path.Combine(infra.RepositoryRoot, "azure.yaml"));

        Assert.Matches(ServiceBlock(), yaml);
        Assert.True(Directory.Exists(Path.Combine(infra.RepositoryRoot, "functions")));
        // The app resource carries the tag azd uses to find the service's host.
        var app = Assert.Single(infra.Deployment("dev").OfType("Microsoft.Web/sites"));
        Assert.Equal("api", app.Body["tags"]!["azd-service-name"]!.GetValue<string>());
    }

    [GeneratedRegex(@"services:\s*\n\s+api:\s*\n\s+project:\s*\./functions\s*\n\s+language:\s*dotnet\s*\n\s+host:\s*function")]
    private static partial Regex ServiceBlock();
}
