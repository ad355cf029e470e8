using Serverless.Workflows.Configuration;

namespace Serverless.Workflows.Identity;

/// <summary>
/// GOV.UK One Login's identity claim: who issues it, for which client, and where its signing keys are published.
/// Bound from <c>Platforms:Identity</c>: <c>Platforms__Identity__Issuer</c>, <c>__Audience</c>, <c>__KeysUrl</c>,
/// <c>__KeysCacheFor</c>.
/// Left empty in sandbox mode, each points at the identity sandbox on this host.
/// </summary>
[SettingsSection("Platforms:Identity")]
public sealed class OneLoginOptions
{
    /// <summary>The identity issuer, e.g. <c>https://identity.account.gov.uk/</c>.</summary>
    public string Issuer { get; set; } = "";

    /// <summary>The service frontend's One Login client id: the core identity JWT's <c>aud</c>.</summary>
    public string Audience { get; set; } = "";

    /// <summary>The issuer's published keys: its <c>/.well-known/did.json</c>, or a JWKS document.</summary>
    public string KeysUrl { get; set; } = "";

    /// <summary>How long fetched keys are trusted before they are fetched again (an unknown <c>kid</c> refreshes sooner).</summary>
    public TimeSpan KeysCacheFor { get; set; } = TimeSpan.FromHours(1);
}
