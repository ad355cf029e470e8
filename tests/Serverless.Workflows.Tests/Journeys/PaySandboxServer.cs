using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serverless.Workflows.Payments;

namespace Serverless.Workflows.Tests.Journeys;

/// <summary>
/// The Pay sandbox's routes served on a loopback port, so the journey on the in-memory engine reaches "Pay" through
/// the live adapter over real HTTP. The handlers come from the engine's own services, once they exist.
/// </summary>
public sealed class PaySandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PaySandboxServer(WebApplication app, Uri payBaseUrl)
    {
        _app = app;
        PayBaseUrl = payBaseUrl;
    }

    /// <summary>Pay's API address on this server, for <c>Platforms:PayBaseUrl</c>.</summary>
    public Uri PayBaseUrl { get; }

    public static async Task<PaySandboxServer> StartAsync(Func<IServiceProvider> engineServices)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_ => engineServices().GetRequiredService<PaySandboxHttpApi>());
        var app = builder.Build();
        app.MapGroup("/api").MapPaySandbox();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PaySandboxServer(app, new Uri(address.TrimEnd('/') + "/api/sandbox/pay/"));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
