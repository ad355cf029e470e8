namespace Serverless.Workflows.Configuration;

/// <summary>Where case records live in Cosmos DB. The account itself is the <see cref="ConnectionNames.CosmosDb"/> connection.</summary>
[SettingsSection("CaseStore")]
public sealed class CaseStoreOptions
{
    public string DatabaseName { get; set; } = "serverless";

    /// <summary>Case records, partitioned by <c>/id</c> (the case id): see docs in Cases/README.md.</summary>
    public string CasesContainer { get; set; } = "cases";

    /// <summary>Idempotency-Key claims, partitioned by <c>/id</c> (<c>{service_id}:{key}</c>).</summary>
    public string IdempotencyContainer { get; set; } = "idempotency";

    /// <summary>Create the database and containers at startup: emulators only. In Azure, Bicep creates them.</summary>
    public bool CreateIfNotExists { get; set; }

    /// <summary>
    /// How long an Idempotency-Key claim is honoured. After that the key is free again (a new case) and the retention
    /// sweep deletes the claim; documents also carry a matching <c>ttl</c> for a container with TTL on.
    /// </summary>
    public TimeSpan IdempotencyClaimLifetime { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>Retention of case data beyond each service's own period (which its definition sets).</summary>
[SettingsSection("Retention")]
public sealed class RetentionOptions
{
    /// <summary>The longest a case may run without finishing: past it, ops are alerted and its personal data is redacted.</summary>
    public TimeSpan MaxCaseAge { get; set; } = TimeSpan.FromDays(730);
}

/// <summary>Background sweeps that keep cases and journeys consistent.</summary>
[SettingsSection("Journeys")]
public sealed class JourneyOptions
{
    /// <summary>A case still 'submitted' this long after submission, with no journey, is restarted by the sweep.</summary>
    public TimeSpan OrphanAge { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Public base address of the API, for links in notifications and the payment return URL.</summary>
    public Uri PublicBaseUrl { get; set; } = new("http://127.0.0.1:7071");
}

/// <summary>
/// Which platform adapters run. Both modes use the live adapters; in <c>sandbox</c> they talk to the sandboxes this app
/// serves under /api/sandbox, in <c>live</c> to GOV.UK Pay, Notify and One Login. There is no default: a host with no
/// mode refuses to start (Hosting/StartupChecks.cs), and so does a live host with any sandbox left on.
/// </summary>
[SettingsSection("Platforms")]
public sealed class PlatformOptions
{
    public const string SandboxMode = "sandbox";
    public const string LiveMode = "live";

    /// <summary>GOV.UK Pay's public API, used when <see cref="PayBaseUrl"/> is empty in live mode.</summary>
    public static readonly Uri GovUkPayBaseUrl = new("https://publicapi.payments.service.gov.uk/");

    /// <summary><c>live</c> or <c>sandbox</c>, explicitly.</summary>
    public string Mode { get; set; } = "";

    /// <summary>Base address of the Pay API (ending in '/'). Empty: GOV.UK Pay in live mode, this app's Pay sandbox in sandbox mode.</summary>
    public string PayBaseUrl { get; set; } = "";

    /// <summary>
    /// Signing key of the identity sandbox's test tokens: a Key Vault reference in Azure in sandbox mode. Live mode
    /// ignores it (the identity sandbox is off) and Bicep leaves it empty there.
    /// </summary>
    [Secret(SandboxOnly = true)]
    public string IdentitySandboxSigningKey { get; set; } = "";

    public bool IsSandbox => Mode == SandboxMode;

    /// <summary>The Pay API the live adapter calls.</summary>
    public Uri PayApi(JourneyOptions journeys) => PayBaseUrl.Length > 0
        ? new Uri(PayBaseUrl.EndsWith('/') ? PayBaseUrl : PayBaseUrl + "/")
        : IsSandbox ? new Uri(journeys.PublicBaseUrl, "api/sandbox/pay/") : GovUkPayBaseUrl;
}
