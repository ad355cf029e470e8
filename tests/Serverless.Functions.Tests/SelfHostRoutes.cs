using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Serverless.SelfHost;

namespace Serverless.Functions.Tests;

/// <summary>
/// The self-host's API routes, read from a composed but never started <see cref="SelfHostApp"/>: the configuration only
/// has to let construction succeed, so nothing talks to Azurite or the Cosmos emulator.
/// </summary>
public static class SelfHostRoutes
{
    public static readonly IReadOnlyDictionary<string, string?> Configuration = new Dictionary<string, string?>
    {
        ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        ["DepartmentQueues"] = "UseDevelopmentStorage=true",
        ["CosmosDb"] = "AccountEndpoint=https://127.0.0.1:8081/;AccountKey=C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==",
        ["Platforms:Mode"] = "sandbox",
        ["Platforms:Pay:Accounts:environment-agency:ApiKey"] = "route-test-pay-api-key",
        ["Platforms:Pay:Accounts:environment-agency:WebhookSigningSecret"] = "route-test-secret",
        ["Platforms:IdentitySandboxSigningKey"] = "route-test-identity-signing-key-0123456789",
        ["SelfHost:FrontendApiKeys:tests"] = "route-test-key",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    /// <summary>The self-host, composed but not started, with <paramref name="overrides"/> over the route-test settings.</summary>
    public static WebApplication Compose(IReadOnlyDictionary<string, string?>? overrides = null) =>
        SelfHostApp.Build([], builder => builder.Configuration.AddInMemoryCollection(Configuration).AddInMemoryCollection(overrides ?? new Dictionary<string, string?>()));

    /// <summary>Each "METHOD /api/..." route endpoint; an endpoint under /api without HTTP method metadata is "* /api/...".</summary>
    public static async Task<IReadOnlySet<string>> ApiEndpointsAsync()
    {
        var app = Compose();
        await using (app.ConfigureAwait(false))
        {
            var endpoints = ((IEndpointRouteBuilder)app).DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>();
            var routes = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var endpoint in endpoints)
            {
                var path = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
                if (path != "/api" && !path.StartsWith("/api/", StringComparison.Ordinal))
                    continue;
                var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"];
                foreach (var method in methods)
                    routes.Add(Endpoint.Of(method, "", path));
            }
            return routes;
        }
    }
}
