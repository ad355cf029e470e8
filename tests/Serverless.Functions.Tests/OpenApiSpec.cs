using Serverless.Workflows.Api;

namespace Serverless.Functions.Tests;

/// <summary>The served OpenAPI document (the engine's embedded openapi.json), read with System.Text.Json.</summary>
public sealed class OpenApiSpec
{
    private static readonly string[] OperationKeys = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    public sealed record Operation(string Method, string Path, JsonObject Body)
    {
        public string? OperationId => Body["operationId"]?.GetValue<string>();

        /// <summary>"GET /v1/services", relative to the server URL.</summary>
        public override string ToString() => $"{Method} {Path}";
    }

    private OpenApiSpec(JsonObject document)
    {
        Document = document;
        Operations =
        [
            .. (document["paths"]?.AsObject() ?? []).SelectMany(path => (path.Value?.AsObject() ?? [])
                .Where(entry => OperationKeys.Contains(entry.Key, StringComparer.Ordinal))
                .Select(entry => new Operation(entry.Key.ToUpperInvariant(), path.Key, entry.Value!.AsObject()))),
        ];
    }

    public static OpenApiSpec Served { get; } = new(JsonNode.Parse(OpenApiDocument.Json)!.AsObject());

    public JsonObject Document { get; }

    public IReadOnlyList<Operation> Operations { get; }

    /// <summary>The single server URL, e.g. "/api".</summary>
    public string ServerUrl => Assert.Single(Document["servers"]!.AsArray())!["url"]!.GetValue<string>();

    /// <summary>"GET /api/v1/services" for each operation.</summary>
    public IReadOnlySet<string> Endpoints => new SortedSet<string>(
        Operations.Select(o => Endpoint.Of(o.Method, ServerUrl, o.Path)), StringComparer.Ordinal);

    /// <summary>An operation's responses with any <c>#/components/responses/...</c> reference resolved.</summary>
    public IEnumerable<(string Status, JsonObject Response)> Responses(Operation operation)
    {
        foreach (var (status, response) in operation.Body["responses"]?.AsObject() ?? [])
            yield return (status, Resolve(response!.AsObject()));
    }

    /// <summary>The operation's security, or the document's; empty (or an empty alternative) means public.</summary>
    public bool IsPublic(Operation operation)
    {
        var security = (operation.Body["security"] ?? Document["security"])?.AsArray();
        return security is null || security.Count == 0 || security.Any(alternative => alternative!.AsObject().Count == 0);
    }

    /// <summary>
    /// Operators sign in with Entra ID through App Service authentication, in front of the app: their Functions need no
    /// function key (they are anonymous to the Functions host) and the app checks the principal App Service passes on.
    /// </summary>
    public bool IsSignedInByAppService(Operation operation) =>
        (operation.Body["security"] ?? Document["security"])?.AsArray() is { Count: > 0 } security
        && security.Any(alternative => alternative!.AsObject().ContainsKey(AppServicePrincipalScheme));

    public const string AppServicePrincipalScheme = "operatorPrincipal";

    private JsonObject Resolve(JsonObject node)
    {
        for (var depth = 0; node["$ref"]?.GetValue<string>() is { } reference; depth++)
        {
            Assert.True(depth < 8, $"$ref loop at {reference}");
            Assert.StartsWith("#/", reference);
            JsonNode? target = Document;
            foreach (var segment in reference[2..].Split('/'))
                target = target?[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
            node = Assert.IsType<JsonObject>(target, exactMatch: false);
        }
        return node;
    }
}

/// <summary>"METHOD /path" strings, comparable across the OpenAPI document and both hosts.</summary>
public static class Endpoint
{
    public static string Of(string method, string prefix, string route) =>
        $"{method.ToUpperInvariant()} /{string.Join('/', new[] { prefix, route }.Select(p => p.Trim('/')).Where(p => p.Length > 0))}";
}
