using Microsoft.Extensions.Configuration;
using Serverless.Infra.Tests.Arm;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Hosting;
using Serverless.Workflows.Identity;
using Serverless.Workflows.Notifications;

namespace Serverless.Infra.Tests;

/// <summary>Prod runs the live platforms and cannot be deployed with a sandbox; the mode is always chosen explicitly.</summary>
[Collection(InfraCollection.Name)]
public sealed class PlatformModeTests(CompiledInfra infra)
{
    [Fact]
    public void Prod_deploys_live_and_dev_deploys_the_sandboxes()
    {
        Assert.Equal("live", InfraQueries.AppSettings(infra.Deployment("prod"))["Platforms__Mode"]);
        Assert.Equal("sandbox", InfraQueries.AppSettings(infra.Deployment("dev"))["Platforms__Mode"]);
        Assert.True(infra.Parameters("prod")["parameters"]!["production"]!["value"]!.GetValue<bool>());
    }

    /// <summary>
    /// Prod's platform settings pass the app's own startup check (PlatformSettingsCheck) once the vault holds its
    /// secrets: One Login's issuer, audience and did.json, Notify itself, and no sandbox signing key.
    /// </summary>
    [Fact]
    public void Prod_sets_every_live_platform_setting_the_app_checks_at_startup()
    {
        var settings = InfraQueries.AppSettings(infra.Deployment("prod"));

        Assert.Equal("https://identity.account.gov.uk/", settings["Platforms__Identity__Issuer"]);
        Assert.Equal("https://identity.account.gov.uk/.well-known/did.json", settings["Platforms__Identity__KeysUrl"]);
        Assert.Equal(CompiledInfra.AzdVariables["SERVERLESS_ONE_LOGIN_CLIENT_ID"], settings["Platforms__Identity__Audience"]);
        Assert.Equal("01:00:00", settings["Platforms__Identity__KeysCacheFor"]);
        Assert.Equal("", settings["Platforms__Notify__BaseUrl"]);
        Assert.EndsWith("secrets/Platforms--Notify--CallbackBearerToken)", settings["Platforms__Notify__CallbackBearerToken"], StringComparison.Ordinal);
        Assert.Equal("", settings["Platforms__IdentitySandboxSigningKey"]);
        Assert.Empty(StartupProblems(settings));
    }

    [Fact]
    public void Dev_leaves_One_Login_empty_for_the_identity_sandbox_and_passes_the_startup_check()
    {
        var settings = InfraQueries.AppSettings(infra.Deployment("dev"));

        Assert.All(["Platforms__Identity__Issuer", "Platforms__Identity__Audience", "Platforms__Identity__KeysUrl"], name => Assert.Equal("", settings[name]));
        Assert.StartsWith("@Microsoft.KeyVault(SecretUri=", settings["Platforms__IdentitySandboxSigningKey"], StringComparison.Ordinal);
        Assert.Empty(StartupProblems(settings));
    }

    /// <summary>azd passes One Login's settings from its environment; they reach the app in live mode only.</summary>
    [Fact]
    public void Azd_sets_One_Login_from_its_environment_in_live_mode_only()
    {
        var parameters = infra.Parameters(CompiledInfra.Azd);
        var sandbox = InfraQueries.AppSettings(ArmDeployment.Evaluate(infra.MainTemplate, parameters));
        parameters["parameters"]!["platformsMode"] = new JsonObject { ["value"] = "live" };
        var live = InfraQueries.AppSettings(ArmDeployment.Evaluate(infra.MainTemplate, parameters));

        Assert.Equal("sandbox", sandbox["Platforms__Mode"]);
        Assert.Equal("", sandbox["Platforms__Identity__Audience"]);
        Assert.Equal(CompiledInfra.AzdVariables["SERVERLESS_ONE_LOGIN_ISSUER"], live["Platforms__Identity__Issuer"]);
        Assert.Equal(CompiledInfra.AzdVariables["SERVERLESS_ONE_LOGIN_CLIENT_ID"], live["Platforms__Identity__Audience"]);
        Assert.Equal(CompiledInfra.AzdVariables["SERVERLESS_ONE_LOGIN_KEYS_URL"], live["Platforms__Identity__KeysUrl"]);
        Assert.Empty(StartupProblems(live));
    }

    [Theory]
    [InlineData("identityIssuer", "Platforms__Identity__Issuer")]
    [InlineData("identityAudience", "Platforms__Identity__Audience")]
    [InlineData("identityKeysUrl", "Platforms__Identity__KeysUrl")]
    public void A_live_deployment_without_a_One_Login_setting_fails(string parameter, string setting)
    {
        var parameters = infra.Parameters("prod");
        parameters["parameters"]![parameter] = new JsonObject { ["value"] = "" };

        var value = InfraQueries.AppSettings(ArmDeployment.Evaluate(infra.MainTemplate, parameters))[setting];

        // As above: the offline evaluator leaves ARM's fail() as text, the branch this deployment takes.
        Assert.Contains($"fail('{parameter} is required in live mode", value, StringComparison.Ordinal);
    }
    [Fact]
    public void A_production_deployment_in_sandbox_mode_fails()
    {
        var parameters = infra.Parameters("prod");
        parameters["parameters"]!["platformsMode"] = new JsonObject { ["value"] = "sandbox" };

        var mode = InfraQueries.AppSettings(ArmDeployment.Evaluate(infra.MainTemplate, parameters))["Platforms__Mode"];

        // The offline evaluator cannot run ARM's fail(), so it leaves the call as text: it is the branch this deployment takes.
        Assert.Contains("fail('Platforms__Mode must be live in production", mode, StringComparison.Ordinal);
        Assert.NotEqual("sandbox", mode);
    }

    [Fact]
    public void The_mode_has_no_default_and_only_live_or_sandbox_are_allowed()
    {
        var mode = infra.MainTemplate["parameters"]!["platformsMode"]!.AsObject();

        Assert.False(mode.ContainsKey("defaultValue"));
        Assert.Equal(["live", "sandbox"], mode["allowedValues"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    /// <summary>The app's startup check over these app settings, with each Key Vault reference as if resolved.</summary>
    private static IReadOnlyList<string> StartupProblems(Dictionary<string, string> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings
            .Where(s => s.Key.StartsWith("Platforms__", StringComparison.Ordinal))
            .Select(s => KeyValuePair.Create(s.Key.Replace("__", ":", StringComparison.Ordinal),
                (string?)(s.Value.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal) ? "resolved-secret" : s.Value)))).Build();
        T Bind<T>() where T : new() => configuration.GetSection(SettingsRegistration.SectionOf<T>()).Get<T>() ?? new T();
        var accounts = configuration.GetSection(PlatformAccountsOptions.Section).Get<PlatformAccountsOptions>() ?? new PlatformAccountsOptions();
        return PlatformSettingsCheck.Problems(Bind<PlatformOptions>(), accounts, Bind<NotifyOptions>(), Bind<OneLoginOptions>(), new JourneyOptions(), DefinitionCatalog.LoadEmbedded());
    }
}
