using System.Text.RegularExpressions;
using Serverless.Workflows.Configuration;

namespace Serverless.Infra.Tests;

/// <summary>
/// The config contract, both ways: the Function App's settings in the compiled template against what the code reads
/// (options classes found by reflection, connection prefixes from ConnectionNames).
/// </summary>
[Collection(InfraCollection.Name)]
public sealed partial class ConfigContractTests(CompiledInfra infra)
{
    /// <summary>
    /// Settings the Functions host (not our code) reads. Short on purpose; each one needs a reason.
    /// </summary>
    private static readonly string[] HostSettingPrefixes =
    [
        // Host storage and the Durable task hub, identity-based (__blobServiceUri, __credential, __clientId, ...).
        "AzureWebJobsStorage__",
        // Host and worker telemetry: APPLICATIONINSIGHTS_CONNECTION_STRING, APPLICATIONINSIGHTS_AUTHENTICATION_STRING.
        "APPLICATIONINSIGHTS_",
        // Runtime switches the host reads (none are set today: Flex Consumption takes the runtime from functionAppConfig).
        "FUNCTIONS_",
    ];

    public static TheoryData<string> Environments => ["dev", "prod"];

    [Theory]
    [MemberData(nameof(Environments))]
    public void Bicep_sets_every_setting_the_code_reads(string environment)
    {
        var settings = AppSettings(environment);

        Assert.NotEmpty(CodeContract.Settings);
        var missing = CodeContract.Settings.Select(s => s.Name).Concat(AccountSettings.Select(s => s.Name))
            .Where(name => !settings.ContainsKey(name)).ToList();
        Assert.True(missing.Count == 0, $"The Function App does not set: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Bicep_sets_nothing_the_code_or_the_host_does_not_read(string environment)
    {
        var codeSettings = CodeContract.Settings.Select(s => s.Name).Concat(AccountSettings.Select(s => s.Name)).ToHashSet(StringComparer.Ordinal);
        var unread = AppSettings(environment).Keys
            .Where(name => !codeSettings.Contains(name))
            .Where(name => !CodeContract.Connections.Any(c => name.StartsWith(c + "__", StringComparison.Ordinal)))
            .Where(name => !HostSettingPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)))
            .ToList();

        Assert.True(unread.Count == 0, $"Set on the Function App but read by nothing: {string.Join(", ", unread)}");
    }

    /// <summary>Connections are {Name}__{endpoint} + __credential=managedidentity + __clientId, never a connection string.</summary>
    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_connection_is_identity_based(string environment)
    {
        var settings = AppSettings(environment);

        Assert.All(CodeContract.Connections, connection =>
        {
            Assert.False(settings.ContainsKey(connection), $"{connection} is a connection string; use {connection}__* with the identity");
            Assert.Equal("managedidentity", settings.GetValueOrDefault(connection + "__credential"));
            Assert.Matches(IdentityClientId(), settings.GetValueOrDefault(connection + "__clientId") ?? "");
            Assert.Contains(settings.Keys, name => EndpointSetting().IsMatch(name) && name.StartsWith(connection + "__", StringComparison.Ordinal));
        });

        // The ends the code resolves (AzureConnection.Resolve) and the Durable task hub needs.
        Assert.True(settings.ContainsKey($"{ConnectionNames.DepartmentQueues}__queueServiceUri"));
        Assert.True(settings.ContainsKey($"{ConnectionNames.CosmosDb}__accountEndpoint"));
        foreach (var service in new[] { "blob", "queue", "table" })
            Assert.True(settings.ContainsKey($"{ConnectionNames.TaskHubStorage}__{service}ServiceUri"));
    }

    /// <summary>Bicep creates the database and containers, with the names the code defaults to; the app never creates them.</summary>
    [Fact]
    public void Case_store_settings_are_the_code_defaults_and_the_app_does_not_create_containers()
    {
        var settings = AppSettings("dev");
        var defaults = new CaseStoreOptions();

        Assert.Equal(defaults.DatabaseName, settings["CaseStore__DatabaseName"]);
        Assert.Equal(defaults.CasesContainer, settings["CaseStore__CasesContainer"]);
        Assert.Equal(defaults.IdempotencyContainer, settings["CaseStore__IdempotencyContainer"]);
        Assert.Equal("false", settings["CaseStore__CreateIfNotExists"]);
    }

    /// <summary>Each literal value converts to its property's type the way the configuration binder converts it.</summary>
    [Theory]
    [MemberData(nameof(Environments))]
    public void Setting_values_bind_to_the_property_types(string environment)
    {
        var settings = AppSettings(environment);

        Assert.All(CodeContract.Settings.Where(s => !s.IsSecret && !Opaque.Is(JsonValue.Create(settings[s.Name]))), setting =>
        {
            var converter = System.ComponentModel.TypeDescriptor.GetConverter(setting.Property.PropertyType);
            var value = converter.ConvertFromInvariantString(settings[setting.Name]);
            Assert.IsType(setting.Property.PropertyType, value);
        });
    }

    /// <summary>Every [Secret] setting is a Key Vault reference to {Section}--{Property}, resolved with the app's identity.</summary>
    [Theory]
    [MemberData(nameof(Environments))]
    public void Secret_settings_are_key_vault_references(string environment)
    {
        var settings = AppSettings(environment);
        var secrets = CodeContract.Settings.Where(s => s.IsSecret).ToList();

        Assert.NotEmpty(secrets);
        Assert.All(secrets, secret =>
        {
            var value = settings[secret.Name];
            Assert.StartsWith("@Microsoft.KeyVault(SecretUri=", value, StringComparison.Ordinal);
            Assert.EndsWith($"secrets/{secret.SecretName})", value, StringComparison.Ordinal);
            Assert.Contains("'keyvault'", value, StringComparison.Ordinal);
            Assert.Matches(KeyVaultSecretName(), secret.SecretName);
        });
        // Each definition's Pay and Notify accounts: pay-api-key-{account}, pay-webhook-secret-{account}, notify-api-key-{account}.
        Assert.NotEmpty(AccountSettings);
        Assert.All(AccountSettings, account =>
        {
            var value = settings[account.Name];
            Assert.StartsWith("@Microsoft.KeyVault(SecretUri=", value, StringComparison.Ordinal);
            Assert.EndsWith($"secrets/{account.SecretName})", value, StringComparison.Ordinal);
            Assert.Contains("'keyvault'", value, StringComparison.Ordinal);
            Assert.Matches(KeyVaultSecretName(), account.SecretName);
        });
        // Only secrets are references: anything else in Key Vault would be a setting the contract does not know is secret.
        var references = settings.Where(s => s.Value.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal)).Select(s => s.Key);
        Assert.Equal(secrets.Select(s => s.Name).Concat(AccountSettings.Select(s => s.Name)).Order(StringComparer.Ordinal), references.Order(StringComparer.Ordinal));
    }

    /// <summary>A backstop for new settings: a property named like a secret must be marked [Secret].</summary>
    [Fact]
    public void Settings_named_like_secrets_are_marked_secret()
    {
        var unmarked = CodeContract.Settings.Where(s => SecretLikeName().IsMatch(s.Property.Name) && !s.IsSecret).Select(s => s.Name).ToList();
        Assert.True(unmarked.Count == 0, $"Mark these [Secret] (Configuration/SecretAttribute.cs): {string.Join(", ", unmarked)}");
    }

    private Dictionary<string, string> AppSettings(string environment) => InfraQueries.AppSettings(infra.Deployment(environment));

    private IReadOnlyList<AccountSetting> AccountSettings => CodeContract.AccountSettings(infra.RepositoryRoot);

    /// <summary>The identity module's clientId output.</summary>
    [GeneratedRegex(@"'Microsoft\.Resources/deployments', 'identity'\).*\.outputs\.clientId\.value")]
    private static partial Regex IdentityClientId();

    [GeneratedRegex("(ServiceUri|accountEndpoint|accountName)$")]
    private static partial Regex EndpointSetting();

    [GeneratedRegex("(Secret|Password|Key|Token)$")]
    private static partial Regex SecretLikeName();

    [GeneratedRegex("^[0-9A-Za-z-]{1,127}$")]
    private static partial Regex KeyVaultSecretName();
}
