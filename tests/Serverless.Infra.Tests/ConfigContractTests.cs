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
    /// Settings the Functions host and the Application Insights SDK (not our code) read, by exact name. Short on purpose;
    /// each one needs a reason. (Host storage is the AzureWebJobsStorage connection, in ConnectionNames.IdentityKeys.)
    /// </summary>
    private static readonly string[] HostSettings =
    [
        // Host and worker telemetry, ingested with the identity (Authorization=AAD).
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
    ];

    public static TheoryData<string> Environments => ["dev", "prod"];

    /// <summary>Every {Connection}__{key} the code defines (ConnectionNames.IdentityKeys), by exact name.</summary>
    private static IEnumerable<string> ConnectionSettings =>
        ConnectionNames.IdentityKeys.SelectMany(c => c.Value.Select(key => $"{c.Key}__{key}"));

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

    /// <summary>Exact names both ways: no prefix lets an unread or misspelt setting through.</summary>
    [Theory]
    [MemberData(nameof(Environments))]
    public void Bicep_sets_nothing_the_code_or_the_host_does_not_read(string environment)
    {
        var read = CodeContract.Settings.Select(s => s.Name).Concat(AccountSettings.Select(s => s.Name)).Concat(ConnectionSettings).Concat(HostSettings).ToHashSet(StringComparer.Ordinal);
        var unread = AppSettings(environment).Keys.Where(name => !read.Contains(name)).ToList();

        Assert.True(unread.Count == 0, $"Set on the Function App but read by nothing: {string.Join(", ", unread)}");
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Bicep_sets_every_key_of_every_connection_and_the_hosts_telemetry_settings(string environment)
    {
        var settings = AppSettings(environment);

        var missing = ConnectionSettings.Concat(HostSettings).Where(name => !settings.ContainsKey(name)).ToList();
        Assert.True(missing.Count == 0, $"The Function App does not set: {string.Join(", ", missing)}");
    }

    /// <summary>Every connection is named in IdentityKeys, with an endpoint, the credential and the client id.</summary>
    [Fact]
    public void Every_connection_the_code_names_has_exact_identity_keys()
    {
        Assert.Equal(CodeContract.Connections.Order(StringComparer.Ordinal), ConnectionNames.IdentityKeys.Keys.Order(StringComparer.Ordinal));
        Assert.All(ConnectionNames.IdentityKeys.Values, keys =>
        {
            Assert.Contains(ConnectionKeys.Credential, keys);
            Assert.Contains(ConnectionKeys.ClientId, keys);
            Assert.Contains(keys, key => EndpointSetting().IsMatch(key));
        });
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
            Assert.Equal("managedidentity", settings.GetValueOrDefault($"{connection}__{ConnectionKeys.Credential}"));
            Assert.Matches(IdentityClientId(), settings.GetValueOrDefault($"{connection}__{ConnectionKeys.ClientId}") ?? "");
        });
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

    /// <summary>
    /// Every [Secret] setting is a Key Vault reference to {Section}--{Property}, resolved with the app's identity; a
    /// sandbox-only secret is empty in live mode instead, so production's vault needs no such secret.
    /// </summary>
    [Theory]
    [MemberData(nameof(Environments))]
    public void Secret_settings_are_key_vault_references(string environment)
    {
        var settings = AppSettings(environment);
        var live = settings["Platforms__Mode"] == "live";
        var secrets = CodeContract.Settings.Where(s => s.IsSecret && !(live && s.IsSandboxOnly)).ToList();
        var sandboxOnly = CodeContract.Settings.Where(s => s.IsSandboxOnly).ToList();

        Assert.NotEmpty(sandboxOnly);
        if (live)
            Assert.All(sandboxOnly, secret => Assert.Equal("", settings[secret.Name]));

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

    [GeneratedRegex("^(blobServiceUri|queueServiceUri|tableServiceUri|accountEndpoint)$")]
    private static partial Regex EndpointSetting();

    [GeneratedRegex("(Secret|Password|Key|Token)$")]
    private static partial Regex SecretLikeName();

    [GeneratedRegex("^[0-9A-Za-z-]{1,127}$")]
    private static partial Regex KeyVaultSecretName();
}
