using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Serverless.Integration.Tests.EndToEnd;

/// <summary>One HTTP exchange with the Notify sandbox, as it crossed the wire.</summary>
public sealed record NotifyExchange(string Method, string Path, string? RequestBody, int Status, string ResponseBody);

/// <summary>
/// Records every exchange on the HttpClients that talk to the Notify sandbox (the official client's, and the sandbox's
/// receipts to the callback), so tests can hold them to Notify's published OpenAPI documents.
/// </summary>
public sealed class NotifyExchangeRecorder : DelegatingHandler
{
    public static ConcurrentQueue<NotifyExchange> Exchanges { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        Exchanges.Enqueue(new NotifyExchange(request.Method.Method, request.RequestUri!.AbsolutePath, body, (int)response.StatusCode,
            await response.Content.ReadAsStringAsync(cancellationToken)));
        return response;
    }
}

/// <summary>
/// GOV.UK Notify's official OpenAPI documents (Specs/govuk-notify, copied with their source and licence), read as JSON
/// Schema: <c>nullable</c> admits null, and the message <c>oneOf</c> is chosen by <c>type</c> (see the README there).
/// </summary>
public static class NotifyConformance
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Specs", "govuk-notify");
    private static readonly Lazy<JsonObject> Definitions = new(() => (JsonObject)Convert(
        JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "schema.json")))!["components"]!["schemas"]!.DeepClone()));

    /// <summary>Why the exchange breaks Notify's documents, or an empty list.</summary>
    public static IReadOnlyList<string> Violations(NotifyExchange exchange)
    {
        var problems = new List<string>();
        var (requestSchema, responseSchemas) = Operation(exchange);
        if (requestSchema is not null && exchange.RequestBody is { } request)
            Check(requestSchema, request, $"{exchange.Method} {exchange.Path} request", problems);
        if (responseSchemas is null)
            return problems;
        if (!responseSchemas.TryGetValue(exchange.Status, out var responseSchema))
            problems.Add($"{exchange.Method} {exchange.Path}: status {exchange.Status} is not documented");
        else if (responseSchema is not null)
            Check(responseSchema, exchange.ResponseBody, $"{exchange.Method} {exchange.Path} {exchange.Status} response", problems);
        return problems;
    }

    /// <summary>The request schema and the documented responses' schemas of the operation the exchange is.</summary>
    private static (string? Request, Dictionary<int, string?>? Responses) Operation(NotifyExchange exchange)
    {
        var path = exchange.Path;
        if (path.EndsWith("/callbacks/notify", StringComparison.Ordinal))
        {
            var type = JsonNode.Parse(exchange.RequestBody!)?["notification_type"]?.GetValue<string>();
            return (type == "sms" ? "SmsCallbackRequest" : "EmailCallbackRequest", null);
        }
        var v2 = path[path.IndexOf("/v2/", StringComparison.Ordinal)..];
        var file = (exchange.Method, v2) switch
        {
            ("POST", "/v2/notifications/email") => "POST_notification_email.json",
            ("POST", "/v2/notifications/sms") => "POST_notification_sms.json",
            ("GET", "/v2/notifications") => "GET_data_for_messages.json",
            ("GET", _) when v2.StartsWith("/v2/notifications/", StringComparison.Ordinal) => "GET_data_for_message.json",
            _ => throw new InvalidOperationException($"No Notify operation for {exchange.Method} {v2}"),
        };
        var operation = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, file)))![exchange.Method.ToLowerInvariant()]!;
        var request = SchemaName(operation["requestBody"]?["content"]?["application/json"]?["schema"]);
        var responses = operation["responses"]!.AsObject().ToDictionary(
            r => int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture),
            r => SchemaName(r.Value?["content"]?["application/json"]?["schema"]));
        return (request, responses);
    }

    private static string? SchemaName(JsonNode? schema) => (string?)schema?["$ref"] is { } reference ? reference[(reference.LastIndexOf('/') + 1)..] : null;

    private static void Check(string schemaName, string json, string what, List<string> problems)
    {
        var document = new JsonObject { ["$ref"] = "#/$defs/" + schemaName, ["$defs"] = Definitions.Value.DeepClone() };
        var schema = JsonSchema.Build(JsonSerializer.SerializeToElement(document), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        var result = schema.Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!result.IsValid)
            problems.Add($"{what} does not match {schemaName}: " + string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(5)));
    }

    /// <summary>OpenAPI 3.0 schema objects as JSON Schema 2020-12.</summary>
    private static JsonNode Convert(JsonNode node)
    {
        switch (node)
        {
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    if (array[i] is { } item)
                        array[i] = Convert(item.DeepClone());
                return array;
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                    if (obj[key] is { } child)
                        obj[key] = Convert(child.DeepClone());
                if (obj["$ref"] is JsonValue reference)
                    obj["$ref"] = "#/$defs/" + ((string)reference!)[(((string)reference!).LastIndexOf('/') + 1)..];
                if ((bool?)obj["nullable"] == true && obj["type"] is JsonValue type)
                {
                    obj["type"] = new JsonArray((string)type!, "null");
                    if (obj["enum"] is JsonArray values)
                        values.Add(null);
                }
                // OpenAPI's own keywords, which a JSON Schema dialect does not know.
                foreach (var openApiOnly in (string[])["nullable", "example", "discriminator", "xml", "externalDocs"])
                    obj.Remove(openApiOnly);
                if (obj["oneOf"] is JsonArray branches && branches.All(b => b?["title"] is not null))
                {
                    // Branches with no required fields overlap; Notify tells them apart by the message's type.
                    obj.Remove("oneOf");
                    obj["allOf"] = new JsonArray([.. branches.Select(b => (JsonNode)new JsonObject
                    {
                        ["if"] = new JsonObject { ["properties"] = new JsonObject { ["type"] = new JsonObject { ["const"] = (string)b!["title"]! } } },
                        ["then"] = b.DeepClone(),
                    })]);
                }
                return obj;
            default:
                return node;
        }
    }
}
