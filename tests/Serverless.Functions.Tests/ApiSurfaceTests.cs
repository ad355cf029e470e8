using System.Reflection;
using Serverless.Workflows.Api;

namespace Serverless.Functions.Tests;

/// <summary>The OpenAPI document, the Functions app's HTTP triggers and the self-host's endpoints describe one API.</summary>
[Collection(PublishedFunctionsCollection.Name)]
public sealed class ApiSurfaceTests(PublishedFunctionsApp app, ITestOutputHelper output)
{
    /// <summary>The Functions route prefix, from the published host.json.</summary>
    private string RoutePrefix => app.ReadJson(output, "host.json")["extensions"]?["http"]?["routePrefix"]?.GetValue<string>() ?? "api";

    private IEnumerable<(string Endpoint, FunctionMetadata Function)> FunctionEndpoints() =>
        app.Functions(output)
            .Where(f => f.Bindings.Any(b => FunctionMetadata.Type(b) == "httpTrigger"))
            .SelectMany(f => f.HttpMethods.Select(method => (Endpoint.Of(method, RoutePrefix, FunctionMetadata.Text(f.Trigger, "route") ?? f.Name), f)));

    [Fact]
    public async Task OpenApi_the_Functions_app_and_the_self_host_expose_the_same_operations()
    {
        var openApi = OpenApiSpec.Served.Endpoints;
        var functions = new SortedSet<string>(FunctionEndpoints().Select(e => e.Endpoint), StringComparer.Ordinal);
        var selfHost = await SelfHostRoutes.ApiEndpointsAsync();
        output.WriteLine($"OpenAPI:   {string.Join(" | ", openApi)}");
        output.WriteLine($"Functions: {string.Join(" | ", functions)}");
        output.WriteLine($"Self-host: {string.Join(" | ", selfHost)}");

        var differences = new[]
        {
            Difference("OpenAPI", openApi, "Functions", functions),
            Difference("Functions", functions, "OpenAPI", openApi),
            Difference("OpenAPI", openApi, "self-host", selfHost),
            Difference("self-host", selfHost, "OpenAPI", openApi),
        }.Where(d => d.Length > 0).ToList();
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
    }

    [Fact]
    public void Operations_the_OpenAPI_document_marks_public_or_signed_in_by_App_Service_are_exactly_the_anonymous_Functions()
    {
        var spec = OpenApiSpec.Served;
        var publicOperations = new SortedSet<string>(
            spec.Operations.Where(o => spec.IsPublic(o) || spec.IsSignedInByAppService(o)).Select(o => Endpoint.Of(o.Method, spec.ServerUrl, o.Path)), StringComparer.Ordinal);
        var anonymousFunctions = new SortedSet<string>(
            FunctionEndpoints()
                .Where(e => string.Equals(FunctionMetadata.Text(e.Function.Trigger, "authLevel"), ExpectedFunctions.Anonymous, StringComparison.OrdinalIgnoreCase))
                .Select(e => e.Endpoint),
            StringComparer.Ordinal);

        Assert.Equal(anonymousFunctions, publicOperations);
    }

    [Fact]
    public void Every_route_constant_is_a_documented_path()
    {
        var spec = OpenApiSpec.Served;
        var documented = spec.Operations.Select(o => o.Path.Trim('/')).ToHashSet(StringComparer.Ordinal);
        var routes = typeof(Routes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (f.Name, Route: (string)f.GetRawConstantValue()!))
            .ToList();

        Assert.NotEmpty(routes);
        Assert.All(routes, r => Assert.True(documented.Contains(r.Route), $"Routes.{r.Name} ({r.Route}) is not in openapi.json"));
    }

    private static string Difference(string inName, IReadOnlySet<string> inSet, string notInName, IReadOnlySet<string> notInSet)
    {
        var only = inSet.Where(e => !notInSet.Contains(e)).ToList();
        return only.Count == 0 ? "" : $"in {inName} but not {notInName}: {string.Join(", ", only)}";
    }
}
