using Serverless.Workflows.Configuration;

namespace Serverless.Workflows.Notifications;

/// <summary>
/// GOV.UK Notify: where its API is, and the bearer token Notify puts on delivery receipts. Bound from
/// <c>Platforms:Notify</c>: <c>Platforms__Notify__BaseUrl</c> and <c>Platforms__Notify__CallbackBearerToken</c>. Each
/// department's service API key is a <see cref="NotifyAccountOptions"/>, named by <see cref="PlatformAccountSettings"/>.
/// </summary>
[SettingsSection("Platforms:Notify")]
public sealed class NotifyOptions
{
    public const string LiveBaseUrl = "https://api.notifications.service.gov.uk/";

    /// <summary>
    /// Notify's API. Empty means Notify itself in live mode, and in sandbox mode the Notify sandbox on this host
    /// (<c>{Journeys:PublicBaseUrl}api/sandbox/notify/</c>).
    /// </summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>The token configured in Notify's admin (API integration, Callbacks): Notify sends it on every receipt.</summary>
    [Secret]
    public string CallbackBearerToken { get; set; } = "";

    public Uri ResolveBaseUrl(bool sandbox, Uri publicBaseUrl)
    {
        var url = BaseUrl.Length > 0 ? BaseUrl : sandbox ? new Uri(publicBaseUrl, "api/" + NotifyRoutes.SandboxBase).ToString() : LiveBaseUrl;
        return new Uri(url.EndsWith('/') ? url : url + "/");
    }
}
