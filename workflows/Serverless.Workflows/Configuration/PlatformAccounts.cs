namespace Serverless.Workflows.Configuration;

/// <summary>
/// Per-account platform credentials, bound from the <c>Platforms</c> section: one GOV.UK Pay account and one GOV.UK
/// Notify service per department, named by the definitions' <c>accounts.pay</c> and <c>accounts.notify</c>. The account
/// names are data (they come from the definitions), so these are not a [SettingsSection]: <see cref="PlatformAccountSettings"/>
/// gives each setting's name and Key Vault secret, and the infra contract test derives them from the definitions.
/// </summary>
public sealed class PlatformAccountsOptions
{
    public const string Section = "Platforms";

    public PayAccountsOptions Pay { get; set; } = new();

    public NotifyAccountsOptions Notify { get; set; } = new();
}

public sealed class PayAccountsOptions
{
    public Dictionary<string, PayAccountOptions> Accounts { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public PayAccountOptions? Find(string account) => PlatformAccountSettings.Find(Accounts, account);
}

public sealed class PayAccountOptions
{
    /// <summary>The account's Pay API key (Bearer). Key Vault <c>pay-api-key-{account}</c>.</summary>
    [Secret]
    public string ApiKey { get; set; } = "";

    /// <summary>The account's webhook signing secret (<c>Pay-Signature</c>). Key Vault <c>pay-webhook-secret-{account}</c>.</summary>
    [Secret]
    public string WebhookSigningSecret { get; set; } = "";
}

public sealed class NotifyAccountsOptions
{
    public Dictionary<string, NotifyAccountOptions> Accounts { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public NotifyAccountOptions? Find(string account) => PlatformAccountSettings.Find(Accounts, account);
}

public sealed class NotifyAccountOptions
{
    /// <summary>The Notify service's API key. Key Vault <c>notify-api-key-{account}</c>.</summary>
    [Secret]
    public string ApiKey { get; set; } = "";
}

/// <summary>One per-account setting: its app setting name and the Key Vault secret behind it in Azure.</summary>
public sealed record AccountSetting(string Name, string SecretName);

/// <summary>
/// The names of the per-account settings, in one place for the code, the startup checks and the infra tests. App
/// Service setting names allow only letters, digits, '.' and '_', so an account's hyphens are underscores in its
/// setting name (<c>environment-agency</c> → <c>Platforms__Pay__Accounts__environment_agency__ApiKey</c>); account
/// names have no underscores of their own (lower-case letters, digits, hyphens), so the two never collide.
/// </summary>
public static class PlatformAccountSettings
{
    public static AccountSetting PayApiKey(string account) =>
        new($"Platforms__Pay__Accounts__{SettingKey(account)}__ApiKey", $"pay-api-key-{account}");

    public static AccountSetting PayWebhookSigningSecret(string account) =>
        new($"Platforms__Pay__Accounts__{SettingKey(account)}__WebhookSigningSecret", $"pay-webhook-secret-{account}");

    public static AccountSetting NotifyApiKey(string account) =>
        new($"Platforms__Notify__Accounts__{SettingKey(account)}__ApiKey", $"notify-api-key-{account}");

    /// <summary>An account's key in settings: its name with '-' as '_'.</summary>
    public static string SettingKey(string account) => account.Replace('-', '_');

    /// <summary>Whether two account names (either as a definition or a setting spells it) are one account.</summary>
    public static bool Same(string? a, string? b) =>
        a is not null && b is not null && string.Equals(SettingKey(a), SettingKey(b), StringComparison.OrdinalIgnoreCase);

    public static T? Find<T>(IReadOnlyDictionary<string, T> accounts, string account) where T : class =>
        accounts.TryGetValue(account, out var exact) ? exact : accounts.FirstOrDefault(a => Same(a.Key, account)).Value;

    /// <summary>Every per-account setting the given accounts need.</summary>
    public static IEnumerable<AccountSetting> For(IEnumerable<string> payAccounts, IEnumerable<string> notifyAccounts) =>
        payAccounts.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).SelectMany(a => new[] { PayApiKey(a), PayWebhookSigningSecret(a) })
            .Concat(notifyAccounts.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(NotifyApiKey));
}
