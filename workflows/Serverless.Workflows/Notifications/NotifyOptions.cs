using Serverless.Workflows.Configuration;

namespace Serverless.Workflows.Notifications;

/// <summary>
/// GOV.UK Notify: where its API is, each department's service API key, and the bearer token Notify puts on delivery
/// receipts. Bound from <c>Platforms:Notify</c>, so the settings are <c>Platforms__Notify__BaseUrl</c>,
/// <c>Platforms__Notify__CallbackBearerToken</c> and <c>Platforms__Notify__Accounts__{account}__ApiKey</c>.
/// </summary>
public sealed class NotifyOptions
{
    public const string Section = "Platforms:Notify";
    public const string LiveBaseUrl = "https://api.notifications.service.gov.uk/";

    /// <summary>
    /// Notify's API. Empty means Notify itself in live mode, and in sandbox mode the Notify sandbox on this host
    /// (<c>{Journeys:PublicBaseUrl}api/sandbox/notify/</c>).
    /// </summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>The token configured in Notify's admin (API integration, Callbacks): Notify sends it on every receipt.</summary>
    [Secret]
    public string CallbackBearerToken { get; set; } = "";

    /// <summary>Keyed by a definition's <c>accounts.notify</c>.</summary>
    public Dictionary<string, NotifyAccountOptions> Accounts { get; } = new(StringComparer.Ordinal);

    public Uri ResolveBaseUrl(bool sandbox, Uri publicBaseUrl)
    {
        var url = BaseUrl.Length > 0 ? BaseUrl : sandbox ? new Uri(publicBaseUrl, "api/" + NotifyRoutes.SandboxBase).ToString() : LiveBaseUrl;
        return new Uri(url.EndsWith('/') ? url : url + "/");
    }

    public string ApiKeyOf(string account) =>
        Accounts.TryGetValue(account, out var a) && !string.IsNullOrWhiteSpace(a.ApiKey)
            ? a.ApiKey
            : throw new InvalidOperationException($"No Notify API key for account '{account}': set Platforms__Notify__Accounts__{account}__ApiKey.");
}

/// <summary>One department's Notify service.</summary>
public sealed class NotifyAccountOptions
{
    /// <summary><c>{key_name}-{service_id}-{secret}</c>, from Notify's API integration page. A Key Vault reference in Azure.</summary>
    [Secret]
    public string ApiKey { get; set; } = "";
}
