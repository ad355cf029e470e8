using Serverless.SelfHost.Engine;
using Serverless.Workflows.Configuration;

namespace Serverless.SelfHost;

/// <summary>Settings only the self-host has: the Functions app gets these from the platform (function keys, host.json).</summary>
[SettingsSection("SelfHost")]
public sealed class SelfHostOptions
{
    /// <summary>API key for each service frontend, by frontend name (sent as <c>X-Api-Key</c>).</summary>
    public Dictionary<string, string> FrontendApiKeys { get; set; } = [];

    /// <summary>API key for each department or ops client of the case queries, by name (sent as <c>X-Api-Key</c>).</summary>
    public Dictionary<string, string> OperatorApiKeys { get; set; } = [];

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
