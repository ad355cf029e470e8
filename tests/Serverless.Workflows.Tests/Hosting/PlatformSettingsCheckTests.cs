using Microsoft.Extensions.Configuration;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Hosting;
using Serverless.Workflows.Identity;
using Serverless.Workflows.Notifications;

namespace Serverless.Workflows.Tests.Hosting;

/// <summary>Each way a host could start half-wired is refused, naming the setting to fix.</summary>
public sealed class PlatformSettingsCheckTests
{
    private static readonly Dictionary<string, string?> LiveAndComplete = new()
    {
        ["Platforms:Mode"] = "live",
        ["Platforms:Pay:Accounts:environment_agency:ApiKey"] = "pay-key",
        ["Platforms:Pay:Accounts:environment_agency:WebhookSigningSecret"] = "pay-webhook-secret",
        ["Platforms:Notify:CallbackBearerToken"] = "notify-callback-token",
        ["Platforms:Notify:Accounts:environment_agency:ApiKey"] = "notify-key",
        ["Platforms:Notify:Accounts:local_council_blue_badge:ApiKey"] = "notify-key-2",
        ["Platforms:Identity:Issuer"] = "https://identity.account.gov.uk/",
        ["Platforms:Identity:Audience"] = "frontend-client-id",
        ["Platforms:Identity:KeysUrl"] = "https://identity.account.gov.uk/.well-known/did.json",
    };

    private static readonly Dictionary<string, string?> SandboxAndComplete = new()
    {
        ["Platforms:Mode"] = "sandbox",
        ["Platforms:IdentitySandboxSigningKey"] = "identity-signing-key",
        ["Platforms:Pay:Accounts:environment_agency:ApiKey"] = "pay-key",
        ["Platforms:Pay:Accounts:environment_agency:WebhookSigningSecret"] = "pay-webhook-secret",
        ["Platforms:Notify:CallbackBearerToken"] = "notify-callback-token",
        ["Platforms:Notify:Accounts:environment_agency:ApiKey"] = "notify-key",
        ["Platforms:Notify:Accounts:local_council_blue_badge:ApiKey"] = "notify-key-2",
    };

    private const string UnresolvedReference = "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/x)";

    [Fact]
    public void A_complete_live_configuration_passes_without_the_identity_sandboxs_signing_key()
    {
        Assert.Empty(Problems(LiveAndComplete));
    }

    [Fact]
    public void A_complete_sandbox_configuration_passes_without_One_Login_settings()
    {
        Assert.Empty(Problems(SandboxAndComplete));
    }

    [Theory]
    [InlineData("Platforms:Mode", null, "Platforms__Mode must be 'live' or 'sandbox'")]
    [InlineData("Platforms:Mode", "production", "Platforms__Mode must be 'live' or 'sandbox'")]
    [InlineData("Platforms:PayBaseUrl", "https://example.gov.uk/api/sandbox/pay/", "Platforms__PayBaseUrl points at a sandbox")]
    [InlineData("Platforms:PayBaseUrl", "http://pay.example/", "Platforms__PayBaseUrl points at a sandbox or is not HTTPS")]
    [InlineData("Platforms:Notify:BaseUrl", "https://example.gov.uk/api/sandbox/notify/", "Platforms__Notify__BaseUrl points at a sandbox")]
    [InlineData("Platforms:Notify:BaseUrl", "http://notify.example/", "Platforms__Notify__BaseUrl points at a sandbox or is not HTTPS")]
    [InlineData("Platforms:Identity:Issuer", null, "Platforms__Identity__Issuer is missing or empty")]
    [InlineData("Platforms:Identity:Issuer", SandboxIdentityProvider.Issuer, "Platforms__Identity__Issuer points at a sandbox")]
    [InlineData("Platforms:Identity:Issuer", "http://identity.account.gov.uk/", "Platforms__Identity__Issuer points at a sandbox or is not HTTPS")]
    [InlineData("Platforms:Identity:Audience", "", "Platforms__Identity__Audience is missing or empty")]
    [InlineData("Platforms:Identity:Audience", SandboxIdentityProvider.Audience, "Platforms__Identity__Audience is the identity sandbox's")]
    [InlineData("Platforms:Identity:KeysUrl", null, "Platforms__Identity__KeysUrl is missing or empty")]
    [InlineData("Platforms:Identity:KeysUrl", "https://example.gov.uk/api/sandbox/identity/.well-known/jwks.json", "Platforms__Identity__KeysUrl points at a sandbox")]
    [InlineData("Platforms:Identity:KeysUrl", "http://identity.account.gov.uk/.well-known/did.json", "Platforms__Identity__KeysUrl points at a sandbox or is not HTTPS")]
    [InlineData("Platforms:Identity:KeysUrl", "did.json", "Platforms__Identity__KeysUrl points at a sandbox or is not HTTPS")]
    public void Live_mode_is_refused_naming_the_setting(string key, string? value, string expected)
    {
        Assert.Contains(Problems(With(LiveAndComplete, key, value)), p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Platforms:Pay:Accounts:environment_agency:ApiKey", "", "Platforms__Pay__Accounts__environment_agency__ApiKey is missing or empty")]
    [InlineData("Platforms:Pay:Accounts:environment_agency:WebhookSigningSecret", UnresolvedReference,
        "Platforms__Pay__Accounts__environment_agency__WebhookSigningSecret is an unresolved Key Vault reference")]
    [InlineData("Platforms:Notify:Accounts:local_council_blue_badge:ApiKey", null, "Platforms__Notify__Accounts__local_council_blue_badge__ApiKey is missing or empty")]
    [InlineData("Platforms:Notify:Accounts:environment_agency:ApiKey", UnresolvedReference,
        "Platforms__Notify__Accounts__environment_agency__ApiKey is an unresolved Key Vault reference")]
    [InlineData("Platforms:Notify:CallbackBearerToken", "", "Platforms__Notify__CallbackBearerToken is missing or empty")]
    [InlineData("Platforms:Notify:CallbackBearerToken", UnresolvedReference, "Platforms__Notify__CallbackBearerToken is an unresolved Key Vault reference")]
    public void Either_mode_is_refused_a_missing_or_unresolved_secret_naming_the_setting(string key, string? value, string expected)
    {
        var problem = expected + (value is null or "" ? "." : ": check the secret exists and the app's identity may read it.");

        Assert.Equal([problem], Problems(With(SandboxAndComplete, key, value)));
        Assert.Equal([problem], Problems(With(LiveAndComplete, key, value)));
    }

    [Theory]
    [InlineData(null, "Platforms__IdentitySandboxSigningKey is missing or empty.")]
    [InlineData(UnresolvedReference, "Platforms__IdentitySandboxSigningKey is an unresolved Key Vault reference: check the secret exists and the app's identity may read it.")]
    public void Sandbox_mode_needs_the_identity_sandboxs_signing_key(string? value, string expected)
    {
        Assert.Equal([expected], Problems(With(SandboxAndComplete, "Platforms:IdentitySandboxSigningKey", value)));
    }

    [Fact]
    public void Live_mode_ignores_the_identity_sandboxs_signing_key_even_unresolved()
    {
        Assert.Empty(Problems(With(LiveAndComplete, "Platforms:IdentitySandboxSigningKey", UnresolvedReference)));
    }

    private static Dictionary<string, string?> With(Dictionary<string, string?> settings, string key, string? value)
    {
        var changed = new Dictionary<string, string?>(settings);
        if (value is null)
            changed.Remove(key);
        else
            changed[key] = value;
        return changed;
    }

    private static IReadOnlyList<string> Problems(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        T Bind<T>() where T : new() => configuration.GetSection(SettingsRegistration.SectionOf<T>()).Get<T>() ?? new T();
        var accounts = configuration.GetSection(PlatformAccountsOptions.Section).Get<PlatformAccountsOptions>() ?? new PlatformAccountsOptions();
        return PlatformSettingsCheck.Problems(Bind<PlatformOptions>(), accounts, Bind<NotifyOptions>(), Bind<OneLoginOptions>(), new JourneyOptions(), DefinitionCatalog.LoadEmbedded());
    }
}
