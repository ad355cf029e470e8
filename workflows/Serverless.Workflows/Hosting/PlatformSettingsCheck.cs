using System.Reflection;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Definitions;

namespace Serverless.Workflows.Hosting;

/// <summary>
/// What stops a host from starting with its platforms half-wired, each problem naming the setting to fix:
/// no explicit <c>Platforms__Mode</c>; a secret that is empty or still an unresolved Key Vault reference (the App
/// Service leaves the literal <c>@Microsoft.KeyVault(…)</c> text when it cannot resolve one); a Pay or Notify account a
/// definition names without its secrets; and, in live mode, any platform still pointed at a sandbox.
/// </summary>
public static class PlatformSettingsCheck
{
    private const string UnresolvedKeyVaultReference = "@Microsoft.KeyVault(";

    public static IReadOnlyList<string> Problems(PlatformOptions platform, PlatformAccountsOptions accounts, JourneyOptions journeys, IDefinitionCatalog catalog)
    {
        var problems = new List<string>();
        if (platform.Mode is not (PlatformOptions.LiveMode or PlatformOptions.SandboxMode))
        {
            problems.Add($"Platforms__Mode must be '{PlatformOptions.LiveMode}' or '{PlatformOptions.SandboxMode}' (there is no default); it is '{platform.Mode}'.");
            return problems;
        }
        var live = platform.Mode == PlatformOptions.LiveMode;

        foreach (var property in typeof(PlatformOptions).GetProperties().Where(p => p.GetCustomAttribute<SecretAttribute>() is not null))
            CheckSecret(problems, $"Platforms__{property.Name}", property.GetValue(platform) as string);

        var definitions = catalog.All;
        foreach (var account in definitions.Select(d => d.Accounts.Pay).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            var options = accounts.Pay.Find(account);
            CheckSecret(problems, PlatformAccountSettings.PayApiKey(account).Name, options?.ApiKey);
            CheckSecret(problems, PlatformAccountSettings.PayWebhookSigningSecret(account).Name, options?.WebhookSigningSecret);
        }
        // The Notify sandbox does not check keys yet, so Notify's are required where the real Notify is used.
        if (live)
        {
            foreach (var account in definitions.Select(d => d.Accounts.Notify).Distinct(StringComparer.Ordinal))
                CheckSecret(problems, PlatformAccountSettings.NotifyApiKey(account).Name, accounts.Notify.Find(account)?.ApiKey);
        }

        var pay = platform.PayApi(journeys);
        if (live && (pay.Scheme != Uri.UriSchemeHttps || pay.AbsolutePath.Contains("/sandbox/", StringComparison.OrdinalIgnoreCase)))
            problems.Add($"Platforms__PayBaseUrl points at a sandbox or is not HTTPS ('{pay}'); in live mode leave it empty for GOV.UK Pay.");
        return problems;
    }

    private static void CheckSecret(List<string> problems, string setting, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            problems.Add($"{setting} is missing or empty.");
        else if (value.TrimStart().StartsWith(UnresolvedKeyVaultReference, StringComparison.OrdinalIgnoreCase))
            problems.Add($"{setting} is an unresolved Key Vault reference: check the secret exists and the app's identity may read it.");
    }
}
