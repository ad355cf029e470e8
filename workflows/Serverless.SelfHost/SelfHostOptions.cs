using Serverless.SelfHost.Engine;

namespace Serverless.SelfHost;

/// <summary>Settings only the self-host has: the Functions app gets these from the platform (function keys, host.json).</summary>
public sealed class SelfHostOptions
{
    public const string Section = "SelfHost";

    /// <summary>API key for each service frontend, by frontend name (sent as <c>X-Api-Key</c>).</summary>
    public Dictionary<string, string> FrontendApiKeys { get; set; } = [];

    /// <summary>API key for each department or ops client of the case queries, by name (sent as <c>X-Api-Key</c>).</summary>
    public Dictionary<string, string> OperatorApiKeys { get; set; } = [];

    /// <summary>Overrides host.json's hub name (tests give each run its own task hub).</summary>
    public string? TaskHubName { get; set; }

    /// <summary>How often the orphan sweep and retention run.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    public string HostJsonPath { get; set; } = Path.Combine(AppContext.BaseDirectory, "host.json");

    public HostJson HostJson => _hostJson ??= HostJson.Load(HostJsonPath);

    private HostJson? _hostJson;
}
