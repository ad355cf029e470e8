using Serverless.SelfHost.Engine;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Operations;

namespace Serverless.SelfHost;

/// <summary>Settings only the self-host has: the Functions app gets these from the platform (function keys, host.json).</summary>
[SettingsSection("SelfHost")]
public sealed class SelfHostOptions
{
    /// <summary>API key for each service frontend, by frontend name (sent as <c>X-Api-Key</c>).</summary>
    public Dictionary<string, string> FrontendApiKeys { get; set; } = [];

    /// <summary>API key for each department or ops client of the case queries, by name (sent as <c>X-Api-Key</c>).</summary>
    public Dictionary<string, string> OperatorApiKeys { get; set; } = [];

    /// <summary>
    /// Operators of <c>/api/v1/ops</c>, by name (the name is the actor on the case timeline): each a key sent as
    /// <c>X-Api-Key</c>, a role (<c>ops.platform</c> or <c>ops.department</c>) and, for a department role, its department id.
    /// Self-host only: in Azure operators sign in with Entra ID through App Service authentication.
    /// </summary>
    public Dictionary<string, OperatorKey> Operators { get; set; } = [];

    /// <summary>Overrides host.json's hub name (tests give each run its own task hub).</summary>
    public string? TaskHubName { get; set; }

    /// <summary>How often the orphan sweep and retention run.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often poison-queue depth and cases waiting on departments are measured. The Functions app measures every
    /// 5 minutes on a fixed schedule, matched to the alert rules' 5-minute evaluation and 15-minute window.
    /// </summary>
    public TimeSpan MeasureInterval { get; set; } = TimeSpan.FromMinutes(5);

    public string HostJsonPath { get; set; } = Path.Combine(AppContext.BaseDirectory, "host.json");

    public HostJson HostJson => _hostJson ??= HostJson.Load(HostJsonPath);

    private HostJson? _hostJson;
}
