namespace Serverless.Infra.Tests;

/// <summary>
/// Compiles infra/ once for the whole test run with the real Bicep CLI: `build` of main.bicep and `build-params` of
/// every .bicepparam, into a temp directory. Tests read the ARM JSON and parameters from here.
/// </summary>
public sealed class CompiledInfra : IDisposable
{
    /// <summary>The prod parameters file requires on-call receivers; CI gives it a placeholder.</summary>
    public static readonly IReadOnlyDictionary<string, string?> BuildEnvironment = new Dictionary<string, string?>
    {
        ["SERVERLESS_ALERT_EMAILS"] = "oncall@example.gov.uk",
    };

    private readonly string _outputDirectory;
    private readonly Dictionary<string, ArmDeployment> _deployments = [];

    public CompiledInfra()
    {
        RepositoryRoot = FindRepositoryRoot();
        InfraDirectory = Path.Combine(RepositoryRoot, "infra");
        _outputDirectory = Directory.CreateTempSubdirectory("serverless-infra-").FullName;

        Main = BicepCli.Run("build", Path.Combine(InfraDirectory, "main.bicep"), Path.Combine(_outputDirectory, "main.json"));
        ParameterFiles = Directory.EnumerateFiles(InfraDirectory, "*.bicepparam")
            .Order(StringComparer.Ordinal)
            .ToDictionary(
                file => Path.GetFileNameWithoutExtension(file).Replace("main.", "", StringComparison.Ordinal),
                file => BicepCli.Run("build-params", file,
                    Path.Combine(_outputDirectory, Path.GetFileNameWithoutExtension(file) + ".parameters.json"), BuildEnvironment));
    }

    public string RepositoryRoot { get; }

    public string InfraDirectory { get; }

    public BicepRun Main { get; }

    /// <summary>Environment name ("dev", "prod") to its build-params run.</summary>
    public IReadOnlyDictionary<string, BicepRun> ParameterFiles { get; }

    public IEnumerable<BicepRun> AllRuns => ParameterFiles.Values.Prepend(Main);

    public string MainJsonText => File.ReadAllText(Require(Main).OutputFile);

    public JsonObject MainTemplate => JsonNode.Parse(MainJsonText)!.AsObject();

    public JsonObject Parameters(string environment) =>
        JsonNode.Parse(File.ReadAllText(Require(ParameterFiles[environment]).OutputFile))!.AsObject();

    /// <summary>main.json evaluated with an environment's compiled parameters.</summary>
    internal ArmDeployment Deployment(string environment)
    {
        lock (_deployments)
        {
            if (!_deployments.TryGetValue(environment, out var deployment))
                _deployments[environment] = deployment = ArmDeployment.Evaluate(MainTemplate, Parameters(environment));
            return deployment;
        }
    }

    public void Dispose() => Directory.Delete(_outputDirectory, recursive: true);

    private static BicepRun Require(BicepRun run) =>
        File.Exists(run.OutputFile) ? run : throw new InvalidOperationException(run.Describe());

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"Serverless.sln not found above {AppContext.BaseDirectory}");
    }
}

[CollectionDefinition(Name)]
public sealed class InfraCollection : ICollectionFixture<CompiledInfra>
{
    public const string Name = "Compiled infra";
}
