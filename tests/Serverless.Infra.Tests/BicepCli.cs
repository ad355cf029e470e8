using System.Diagnostics;
using System.Reflection;

namespace Serverless.Infra.Tests;

/// <summary>One run of the Bicep CLI, with every diagnostic it reported (errors, BCP warnings, linter findings).</summary>
public sealed record BicepRun(string Command, int ExitCode, IReadOnlyList<string> Diagnostics, string OutputFile)
{
    public bool Clean => ExitCode == 0 && Diagnostics.Count == 0 && File.Exists(OutputFile);

    public string Describe() =>
        $"bicep {Command} (exit {ExitCode}):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", Diagnostics);
}

/// <summary>
/// The Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 NuGet package. Its build props set $(BicepPath), which the
/// test project stamps into this assembly (AssemblyMetadata "BicepPath"), so a clean clone needs only a restore.
/// Diagnostics are read as SARIF: `bicep build` exits 0 on warnings, so the exit code alone is not enough.
/// </summary>
public static class BicepCli
{
    public static string Path { get; } = Locate();

    public static BicepRun Run(string verb, string input, string outputFile, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { verb, input, "--outfile", outputFile, "--diagnostics-format", "sarif" })
            start.ArgumentList.Add(arg);
        // Deterministic: no update checks or telemetry, and no azd variables leaking in from the developer's shell.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        foreach (var name in CompiledInfra.AzdVariables.Keys)
            start.Environment.Remove(name);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            start.Environment[name] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Path}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {verb} {input} did not finish in 2 minutes");
        }

        var diagnostics = ReadSarif(stderr.Result + stdout.Result);
        var command = $"{verb} {System.IO.Path.GetFileName(input)}";
        if (process.ExitCode != 0 && diagnostics.Count == 0)
            diagnostics = [$"no SARIF diagnostics; stderr: {stderr.Result.Trim()} stdout: {stdout.Result.Trim()}"];
        return new BicepRun(command, process.ExitCode, diagnostics, outputFile);
    }

    /// <summary>Every SARIF result, as "file(line,col) level rule: message".</summary>
    private static List<string> ReadSarif(string output)
    {
        var start = output.IndexOf('{', StringComparison.Ordinal);
        if (start < 0)
            return [];
        var sarif = JsonNode.Parse(output[start..], documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true });
        var results = new List<string>();
        foreach (var run in sarif?["runs"]?.AsArray() ?? [])
        {
            foreach (var result in run?["results"]?.AsArray() ?? [])
            {
                var location = result?["locations"]?[0]?["physicalLocation"];
                var file = location?["artifactLocation"]?["uri"]?.GetValue<string>() ?? "";
                var fileName = file.Length > 0 ? System.IO.Path.GetFileName(new Uri(file).LocalPath) : "?";
                var line = location?["region"]?["startLine"]?.ToString() ?? "?";
                var column = location?["region"]?["charOffset"]?.ToString() ?? "?";
                results.Add($"{fileName}({line},{column}) {result?["level"]} {result?["ruleId"]}: {result?["message"]?["text"]}");
            }
        }
        return results;
    }

    private static string Locate()
    {
        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BicepPath")?.Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
            throw new InvalidOperationException(
                $"Bicep CLI not found at '{path}'. It comes from the Azure.Bicep.CommandLine.linux-x64 package reference; run dotnet restore.");

        // NuGet does not always keep the executable bit when it extracts a package.
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if (!mode.HasFlag(UnixFileMode.UserExecute))
                File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute);
        }
        return path;
    }
}
