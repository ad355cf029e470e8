using Microsoft.Extensions.Configuration;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Hosting;

namespace Serverless.Workflows.Tests.Hosting;

/// <summary>Each way a host could start half-wired is refused, naming the setting to fix.</summary>
public sealed class PlatformSettingsCheckTests
{
    private static readonly Dictionary<string, string?> LiveAndComplete = new()
    {
        ["Platforms:Mode"] = "live",
        ["Platforms:IdentitySandboxSigningKey"] = "identity-signing-key",
        ["Platforms:Pay:Accounts:environment_agency:ApiKey"] = "pay-key",
        ["Platforms:Pay:Accounts:environment_agency:WebhookSigningSecret"] = "pay-webhook-secret",
        ["Platforms:Notify:Accounts:environment_agency:ApiKey"] = "notify-key",
        ["Platforms:Notify:Accounts:local_council_blue_badge:ApiKey"] = "notify-key-2",
    };

    [Fact]
    public void A_complete_live_configuration_passes()
    {
        Assert.Empty(Problems(LiveAndComplete));
    }

    [Theory]
    [InlineData("Platforms:Mode", null, "Platforms__Mode must be 'live' or 'sandbox'")]
    [InlineData("Platforms:Mode", "production", "Platforms__Mode must be 'live' or 'sandbox'")]
    [InlineData("Platforms:PayBaseUrl", "https://example.gov.uk/api/sandbox/pay/", "Platforms__PayBaseUrl points at a sandbox")]
    [InlineData("Platforms:PayBaseUrl", "http://pay.example/", "Platforms__PayBaseUrl points at a sandbox or is not HTTPS")]
    [InlineData("Platforms:IdentitySandboxSigningKey", "", "Platforms__IdentitySandboxSigningKey is missing or empty")]
    [InlineData("Platforms:Pay:Accounts:environment_agency:ApiKey", "", "Platforms__Pay__Accounts__environment_agency__ApiKey is missing or empty")]
    [InlineData("Platforms:Pay:Accounts:environment_agency:WebhookSigningSecret", "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/pay-webhook-secret-environment-agency)",
        "Platforms__Pay__Accounts__environment_agency__WebhookSigningSecret is an unresolved Key Vault reference")]
    [InlineData("Platforms:Notify:Accounts:local_council_blue_badge:ApiKey", null, "Platforms__Notify__Accounts__local_council_blue_badge__ApiKey is missing or empty")]
    public void Live_mode_is_refused_naming_the_setting(string key, string? value, string expected)
    {
        var settings = new Dictionary<string, string?>(LiveAndComplete);
        if (value is null)
            settings.Remove(key);
        else
            settings[key] = value;

        Assert.Contains(Problems(settings), p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Sandbox_mode_needs_the_Pay_accounts_secrets_but_not_Notifys_yet()
    {
        var settings = new Dictionary<string, string?>(LiveAndComplete) { ["Platforms:Mode"] = "sandbox" };
        settings.Remove("Platforms:Notify:Accounts:environment_agency:ApiKey");
        Assert.Empty(Problems(settings));

        settings.Remove("Platforms:Pay:Accounts:environment_agency:ApiKey");
        Assert.Equal(["Platforms__Pay__Accounts__environment_agency__ApiKey is missing or empty."], Problems(settings));
    }

    private static IReadOnlyList<string> Problems(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var platform = configuration.GetSection("Platforms").Get<PlatformOptions>() ?? new PlatformOptions();
        var accounts = configuration.GetSection(PlatformAccountsOptions.Section).Get<PlatformAccountsOptions>() ?? new PlatformAccountsOptions();
        return PlatformSettingsCheck.Problems(platform, accounts, new JourneyOptions(), DefinitionCatalog.LoadEmbedded());
    }
}
