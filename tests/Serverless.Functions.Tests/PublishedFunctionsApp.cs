using System.Diagnostics;
using System.Text;

namespace Serverless.Functions.Tests;

/// <summary>
/// Publishes functions/Serverless.Functions.csproj once for the whole test run (`dotnet publish -c Release`) into a temp
/// directory of its own, out of process: the Functions Worker SDK only writes functions.metadata, worker.config.json and
/// extensions.json on publish, and the Functions Core Tools are not available to run the app. A failed publish does not
/// throw here (xunit would hide the log); every test calls <see cref="Require"/>, which reports the time and the log.
/// </summary>
public sealed class PublishedFunctionsApp : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private readonly List<string> _attempts = [];

    public PublishedFunctionsApp()
    {
        RepositoryRoot = FindRepositoryRoot();
        ProjectFile = Path.Combine(RepositoryRoot, "functions", "Serverless.Functions.csproj");
        OutputDirectory = Directory.CreateTempSubdirectory("serverless-functions-publish-").FullName;
    }

    public string RepositoryRoot { get; }

    public string ProjectFile { get; }

    public string OutputDirectory { get; }

    public TimeSpan Elapsed { get; private set; }

    public int ExitCode { get; private set; } = -1;

    public string MetadataFile => Path.Combine(OutputDirectory, "functions.metadata");

    public bool Succeeded => ExitCode == 0 && File.Exists(MetadataFile);

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        // One retry: a publish that collides with another build of the same projects (file locks in obj/) usually
        // succeeds the second time; a genuine compile error fails both and both logs are reported.
        for (var attempt = 1; attempt <= 2 && !Succeeded; attempt++)
        {
            var (exitCode, log) = await PublishAsync().ConfigureAwait(false);
            ExitCode = exitCode;
            _attempts.Add($"--- attempt {attempt}: exit {exitCode} ---{Environment.NewLine}{log}");
        }
        Elapsed = clock.Elapsed;
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(OutputDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
        return Task.CompletedTask;
    }

    /// <summary>The publish directory, or a failed test that carries the publish time and log.</summary>
    public string Require(ITestOutputHelper output)
    {
        output.WriteLine($"dotnet publish {Path.GetFileName(ProjectFile)}: exit {ExitCode} after {Elapsed.TotalSeconds:0.0}s ({_attempts.Count} attempt(s)) into {OutputDirectory}");
        if (Succeeded)
            return OutputDirectory;

        var log = string.Join(Environment.NewLine, _attempts);
        output.WriteLine(log);
        var lines = log.Split('\n', StringSplitOptions.TrimEntries);
        var errors = lines.Where(l => l.Contains(": error ", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).Take(40).ToList();
        var summary = string.Join(Environment.NewLine, errors.Count > 0 ? errors : lines.TakeLast(40));
        Assert.Fail($"Publishing the Functions app failed (exit {ExitCode}, {Elapsed.TotalSeconds:0.0}s); the full log is in the test output.{Environment.NewLine}{summary}");
        return OutputDirectory;
    }

    public string ReadFile(ITestOutputHelper output, string name) => File.ReadAllText(Path.Combine(Require(output), name));

    public JsonNode ReadJson(ITestOutputHelper output, string name) => JsonNode.Parse(ReadFile(output, name))!;

    /// <summary>functions.metadata, as the Worker SDK wrote it.</summary>
    public IReadOnlyList<FunctionMetadata> Functions(ITestOutputHelper output) =>
        [.. ReadJson(output, "functions.metadata").AsArray().Select(f => FunctionMetadata.From(f!.AsObject()))];

    private async Task<(int ExitCode, string Log)> PublishAsync()
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot,
        };
        // --disable-build-servers: no MSBuild node or compiler server outlives the publish holding our output pipes.
        foreach (var arg in new[] { "publish", ProjectFile, "-c", "Release", "-o", OutputDirectory, "--nologo", "--disable-build-servers" })
            start.ArgumentList.Add(arg);
        // Do not inherit the test host's MSBuild state or the runsettings' processor count.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment.Remove("DOTNET_PROCESSOR_COUNT");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        var log = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Append(log, $"dotnet publish did not finish in {Timeout.TotalMinutes} minutes and was stopped.");
            return (-1, Snapshot(log));
        }
        return (process.ExitCode, Snapshot(log));
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is null)
            return;
        lock (log)
            log.AppendLine(line);
    }

    private static string Snapshot(StringBuilder log)
    {
        lock (log)
            return log.ToString();
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Serverless.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No Serverless.sln above {AppContext.BaseDirectory}");
    }
}

/// <summary>Every test that reads the published app shares one publish.</summary>
[CollectionDefinition(Name)]
public sealed class PublishedFunctionsCollection : ICollectionFixture<PublishedFunctionsApp>
{
    public const string Name = "Published Functions app";
}
