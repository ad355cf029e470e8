using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Serverless.SelfHost.Endpoints;
using Serverless.Workflows.Api;
using Serverless.Workflows.Payments;

namespace Serverless.Functions.Tests;

/// <summary>
/// In live mode every sandbox route answers 404: the self-host's endpoints, called in-process, and the sandbox
/// handlers the Functions app's one-line functions call (SandboxFunctions over SandboxHttpApi and PaySandboxHttpApi).
/// </summary>
public sealed class SandboxLiveModeTests
{
    private static readonly Dictionary<string, string?> Live = new() { ["Platforms:Mode"] = "live" };

    [Fact]
    public async Task Every_self_host_sandbox_route_is_not_found_in_live_mode()
    {
        await using var app = SelfHostRoutes.Compose(Live);
        var sandbox = ((IEndpointRouteBuilder)app).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/sandbox/", StringComparison.Ordinal) == true)
            .ToList();

        Assert.True(sandbox.Count >= 9, $"only {sandbox.Count} sandbox routes found");
        foreach (var endpoint in sandbox)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var context = Context(scope.ServiceProvider, endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods[0]);
            context.Request.Headers[FrontendApiKeyFilter.Header] = "route-test-key";
            foreach (var parameter in endpoint.RoutePattern.Parameters)
                context.Request.RouteValues[parameter.Name] = "any";

            await endpoint.RequestDelegate!(context);

            Assert.True(context.Response.StatusCode == 404, $"{endpoint.RoutePattern.RawText}: {context.Response.StatusCode}");
        }
    }

    [Theory]
    [InlineData(typeof(SandboxHttpApi))]
    [InlineData(typeof(PaySandboxHttpApi))]
    public async Task Every_sandbox_handler_the_Functions_app_calls_is_not_found_in_live_mode(Type handlers)
    {
        await using var app = SelfHostRoutes.Compose(Live);
        var api = app.Services.GetRequiredService(handlers);
        var methods = handlers.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);

        Assert.NotEmpty(methods);
        foreach (var method in methods)
        {
            var context = Context(app.Services, "POST");
            var arguments = method.GetParameters().Select(p => p.ParameterType == typeof(HttpRequest) ? (object)context.Request : "any").ToArray();
            var result = method.Invoke(api, arguments) switch
            {
                Task<IResult> pending => await pending,
                IResult done => done,
                var other => throw new InvalidOperationException($"{method.Name} returned {other}"),
            };

            await result.ExecuteAsync(context);

            Assert.True(context.Response.StatusCode == 404, $"{handlers.Name}.{method.Name}: {context.Response.StatusCode}");
        }
    }

    private static DefaultHttpContext Context(IServiceProvider services, string method)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = method;
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream("{}"u8.ToArray());
        context.Response.Body = new MemoryStream();
        return context;
    }
}
