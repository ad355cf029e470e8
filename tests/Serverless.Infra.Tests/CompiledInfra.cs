namespace Serverless.Infra.Tests;

/// <summary>
/// Compiles infra/ once for the whole test run with the real Bicep CLI: `build` of main.bicep and `build-params` of
/// every .bicepparam, into a temp directory. Tests read the ARM JSON and parameters from here.
/// </summary>
public sealed class CompiledInfra : IDisposable
{
    /// <summary>
    /// The environment the parameter files read, as azd would have it after `azd env set` (infra/README.md): a CI
    /// service principal deploying, the tag values the files require, and (prod) the on-call receivers and the frontend's
    /// One Login client id.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> AzdVariables = new Dictionary<string, string?>
    {
        ["AZURE_ENV_NAME"] = "serverless-ci",
        ["AZURE_LOCATION"] = "uksouth",
        ["AZURE_PRINCIPAL_ID"] = "00000000-0000-0000-0000-0000000000c1",
        ["AZURE_PRINCIPAL_TYPE"] = "ServicePrincipal",
        ["SERVERLESS_OWNER"] = "platform-team@example.gov.uk",
        ["SERVERLESS_COST_CENTRE"] = "CC-1234",
        ["SERVERLESS_ALERT_EMAILS"] = "oncall@example.gov.uk",
        ["AZURE_KEY_VAULT_CREATE_MODE"] = null,
        ["VNET_ENABLED"] = null,
        ["SERVERLESS_PLATFORMS_MODE"] = "sandbox",
        ["SERVERLESS_ONE_LOGIN_CLIENT_ID"] = "ci-frontend-client-id",
        ["SERVERLESS_ONE_LOGIN_ISSUER"] = "https://identity.integration.account.gov.uk/",
        ["SERVERLESS_ONE_LOGIN_KEYS_URL"] = "https://identity.integration.account.gov.uk/.well-known/did.json",
    };

    /// <summary>What the .bicepparam files are built with: the tags and receivers they require, nothing of azd's own.</summary>
    public static readonly IReadOnlyDictionary<string, string?> BuildEnvironment = new Dictionary<string, string?>
    {
        ["SERVERLESS_OWNER"] = AzdVariables["SERVERLESS_OWNER"],
        ["SERVERLESS_COST_CENTRE"] = AzdVariables["SERVERLESS_COST_CENTRE"],
        ["SERVERLESS_ALERT_EMAILS"] = AzdVariables["SERVERLESS_ALERT_EMAILS"],
        ["SERVERLESS_ONE_LOGIN_CLIENT_ID"] = AzdVariables["SERVERLESS_ONE_LOGIN_CLIENT_ID"],
    };

    /// <summary>The parameter set azd builds from main.parameters.json; the others are the .bicepparam files.</summary>
    public const string Azd = "azd";

    /// <summary>Dev's parameters with vnetEnabled on: private networking without prod's other settings.</summary>
    public const string DevWithVnet = "dev+vnet";

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

    /// <summary>A parameters file: "dev" or "prod" (built .bicepparam), "azd" (main.parameters.json as azd resolves it), or <see cref="DevWithVnet"/>.</summary>
    public JsonObject Parameters(string environment) => environment switch
    {
        Azd => AzdParameterFile.Resolve(File.ReadAllText(Path.Combine(InfraDirectory, "main.parameters.json")), MainTemplate, AzdVariables),
        DevWithVnet => With(Parameters("dev"), ("vnetEnabled", true)),
        _ => JsonNode.Parse(File.ReadAllText(Require(ParameterFiles[environment]).OutputFile))!.AsObject(),
    };

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

    /// <summary>main.json evaluated with an environment's parameters, some of them changed.</summary>
    internal ArmDeployment Deployment(string environment, params (string Name, JsonNode? Value)[] overrides) =>
        ArmDeployment.Evaluate(MainTemplate, With(Parameters(environment), overrides));

    private static JsonObject With(JsonObject parameters, params (string Name, JsonNode? Value)[] overrides)
    {
        foreach (var (name, value) in overrides)
            parameters["parameters"]![name] = new JsonObject { ["value"] = value };
        return parameters;
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
