using System.Reflection;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Identity;
using Serverless.Workflows.Notifications;

namespace Serverless.Workflows.Hosting;

/// <summary>
/// What stops a host from starting with its platforms half-wired, each problem naming the setting to fix:
/// no explicit <c>Platforms__Mode</c>; a secret that is empty or still an unresolved Key Vault reference (the App
/// Service leaves the literal <c>@Microsoft.KeyVault(…)</c> text when it cannot resolve one); a Pay or Notify account a
/// definition names without its secrets; and, in live mode, One Login's settings missing, and any platform still
/// pointed at a sandbox or at plain HTTP. Sandbox-only secrets (<see cref="SecretAttribute.SandboxOnly"/>) are not
/// asked for in live mode.
/// </summary>
public static class PlatformSettingsCheck
{
    private const string UnresolvedKeyVaultReference = "@Microsoft.KeyVault(";

    public static IReadOnlyList<string> Problems(
        PlatformOptions platform, PlatformAccountsOptions accounts, NotifyOptions notify, OneLoginOptions identity,
        JourneyOptions journeys, IDefinitionCatalog catalog)
    {
        var problems = new List<string>();
        if (platform.Mode is not (PlatformOptions.LiveMode or PlatformOptions.SandboxMode))
        {
            problems.Add($"Platforms__Mode must be '{PlatformOptions.LiveMode}' or '{PlatformOptions.SandboxMode}' (there is no default); it is '{platform.Mode}'.");
            return problems;
        }
        var live = platform.Mode == PlatformOptions.LiveMode;

        CheckSecrets(problems, platform, live);
        CheckSecrets(problems, notify, live);
        var definitions = catalog.All;
        foreach (var account in definitions.Select(d => d.Accounts.Pay).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            var options = accounts.Pay.Find(account);
            CheckSecret(problems, PlatformAccountSettings.PayApiKey(account).Name, options?.ApiKey);
            CheckSecret(problems, PlatformAccountSettings.PayWebhookSigningSecret(account).Name, options?.WebhookSigningSecret);
        }
        foreach (var account in definitions.Select(d => d.Accounts.Notify).Distinct(StringComparer.Ordinal))
            CheckSecret(problems, PlatformAccountSettings.NotifyApiKey(account).Name, accounts.Notify.Find(account)?.ApiKey);

        if (live)
            CheckLivePlatforms(problems, platform, notify, identity, journeys);
        return problems;
    }

    /// <summary>In live mode every platform is the real one: reached over HTTPS, none of it on this host's sandboxes.</summary>
    private static void CheckLivePlatforms(List<string> problems, PlatformOptions platform, NotifyOptions notify, OneLoginOptions identity, JourneyOptions journeys)
    {
        var pay = platform.PayApi(journeys);
        if (IsSandboxOrNotHttps(pay.ToString()))
            problems.Add($"Platforms__PayBaseUrl points at a sandbox or is not HTTPS ('{pay}'); in live mode leave it empty for GOV.UK Pay.");
        if (notify.BaseUrl.Length > 0 && IsSandboxOrNotHttps(notify.BaseUrl))
            problems.Add($"{Setting<NotifyOptions>(nameof(notify.BaseUrl))} points at a sandbox or is not HTTPS ('{notify.BaseUrl}'); in live mode leave it empty for GOV.UK Notify.");

        CheckLiveUrl(problems, Setting<OneLoginOptions>(nameof(identity.Issuer)), identity.Issuer, "One Login's identity issuer");
        CheckLiveUrl(problems, Setting<OneLoginOptions>(nameof(identity.KeysUrl)), identity.KeysUrl, "One Login's published did.json");
        var audience = Setting<OneLoginOptions>(nameof(identity.Audience));
        if (string.IsNullOrWhiteSpace(identity.Audience))
            problems.Add($"{audience} is missing or empty; in live mode set it to the service frontend's One Login client id.");
        else if (identity.Audience == SandboxIdentityProvider.Audience)
            problems.Add($"{audience} is the identity sandbox's ('{identity.Audience}'); in live mode set it to the service frontend's One Login client id.");
    }

    private static void CheckLiveUrl(List<string> problems, string setting, string value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
            problems.Add($"{setting} is missing or empty; in live mode set it to {what}.");
        else if (IsSandboxOrNotHttps(value))
            problems.Add($"{setting} points at a sandbox or is not HTTPS ('{value}'); in live mode set it to {what}.");
    }

    /// <summary>This host's sandboxes are served under <c>/api/sandbox/</c>; the identity sandbox also issues as its own host.</summary>
    private static bool IsSandboxOrNotHttps(string value) =>
        !Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps
        || url.AbsolutePath.Contains("/sandbox/", StringComparison.OrdinalIgnoreCase)
        || url.Host.Equals(new Uri(SandboxIdentityProvider.Issuer).Host, StringComparison.OrdinalIgnoreCase);

    private static void CheckSecrets<T>(List<string> problems, T options, bool live)
    {
        foreach (var property in typeof(T).GetProperties())
        {
            if (property.GetCustomAttribute<SecretAttribute>() is { } secret && !(live && secret.SandboxOnly))
                CheckSecret(problems, Setting<T>(property.Name), property.GetValue(options) as string);
        }
    }

    private static string Setting<T>(string property) => SettingsRegistration.SettingName(SettingsRegistration.SectionOf<T>(), property);

    private static void CheckSecret(List<string> problems, string setting, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            problems.Add($"{setting} is missing or empty.");
        else if (value.TrimStart().StartsWith(UnresolvedKeyVaultReference, StringComparison.OrdinalIgnoreCase))
            problems.Add($"{setting} is an unresolved Key Vault reference: check the secret exists and the app's identity may read it.");
    }
}
