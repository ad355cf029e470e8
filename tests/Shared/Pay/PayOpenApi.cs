using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Serverless.Tests.Pay;

/// <summary>
/// GOV.UK Pay's public OpenAPI document (tests/specs/govuk-pay, copied to the test output), as a strict validator of
/// the exchanges between the Pay adapter and the Pay sandbox: the operation and response status must be documented,
/// bodies must match their schemas (required fields, types, enums, lengths, ranges, patterns), a request must not send
/// a read-only field, and neither side may use a field the document does not define. A sandbox or adapter that drifts
/// from the real API fails here.
/// </summary>
public sealed class PayOpenApi
{
    private readonly JsonObject _spec;
    private readonly List<(Regex Path, JsonObject Item)> _paths;

    private PayOpenApi(JsonObject spec)
    {
        _spec = spec;
        _paths = [.. spec["paths"]!.AsObject().Select(p => (
            new Regex("^" + Regex.Replace(Regex.Escape(p.Key), @"\\\{[^}]+}", "[^/]+") + "$", RegexOptions.None, TimeSpan.FromSeconds(1)),
            p.Value!.AsObject()))];
    }

    public static PayOpenApi Document { get; } = new(JsonNode.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "specs", "govuk-pay", "publicapi_spec.json")))!.AsObject());

    /// <summary>Problems with one request and its answer (the path is Pay's, <c>/v1/…</c>).</summary>
    public IReadOnlyList<string> Check(PayExchange exchange)
    {
        var problems = new List<string>();
        var where = $"{exchange.Method} {exchange.Path}";
        var operation = _paths.Where(p => p.Path.IsMatch(exchange.Path)).Select(p => p.Item[exchange.Method.ToLowerInvariant()]).OfType<JsonObject>().FirstOrDefault();
        if (operation is null)
            return [$"{where}: not an operation of Pay's API"];

        foreach (var parameter in operation["parameters"]?.AsArray().OfType<JsonObject>().Where(p => (string?)p["in"] == "header") ?? [])
        {
            if (exchange.RequestHeaders.TryGetValue((string)parameter["name"]!, out var value))
                Validate(JsonValue.Create(value), parameter["schema"]!.AsObject(), $"{where} header {parameter["name"]}", request: true, problems);
        }
        if (operation["requestBody"]?["content"]?["application/json"]?["schema"] is JsonObject requestSchema)
        {
            if (exchange.RequestBody is null)
                problems.Add($"{where}: no request body");
            else
                Validate(JsonNode.Parse(exchange.RequestBody), requestSchema, $"{where} request", request: true, problems);
        }
        else if (!string.IsNullOrEmpty(exchange.RequestBody))
        {
            problems.Add($"{where}: a body where Pay takes none");
        }

        var status = exchange.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if ((operation["responses"]?[status] ?? DocumentedElsewhere(exchange.Method, exchange.Path, status)) is not JsonObject response)
            return [.. problems, $"{where}: status {exchange.Status} is not a documented answer"];
        if (response["content"]?["application/json"]?["schema"] is JsonObject responseSchema)
        {
            if (string.IsNullOrEmpty(exchange.ResponseBody))
                problems.Add($"{where} {exchange.Status}: no body");
            else
                Validate(JsonNode.Parse(exchange.ResponseBody), responseSchema, $"{where} {exchange.Status}", request: false, problems);
        }
        return problems;
    }

    /// <summary>A webhook body: Pay's envelope (from Pay's webhook documentation) around a get-payment resource.</summary>
    public IReadOnlyList<string> CheckWebhook(string body)
    {
        var problems = new List<string>();
        var message = JsonNode.Parse(body)!.AsObject();
        string[] envelope = ["webhook_message_id", "api_version", "created_date", "resource_id", "resource_type", "event_type", "resource"];
        problems.AddRange(message.Select(p => p.Key).Except(envelope).Select(k => $"webhook: undocumented field '{k}'"));
        problems.AddRange(envelope.Where(k => message[k] is null).Select(k => $"webhook: missing '{k}'"));
        if (message["resource"] is { } resource)
            Validate(resource, Schema("PaymentWithAllLinks"), "webhook resource", request: false, problems);
        return problems;
    }

    /// <summary>
    /// Answers Pay's API reference documents that its OpenAPI document leaves out: a reused Idempotency-Key with a
    /// different body is 409 with code P0191 (docs.payments.service.gov.uk, "Idempotency").
    /// </summary>
    private static JsonObject? DocumentedElsewhere(string method, string path, string status) =>
        (method, path, status) == ("POST", "/v1/payments", "409")
            ? new JsonObject { ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/RequestError" } } } }
            : null;

    private JsonObject Schema(string name) => _spec["components"]!["schemas"]![name]!.AsObject();

    private void Validate(JsonNode? value, JsonObject schema, string at, bool request, List<string> problems)
    {
        if (schema["$ref"] is JsonValue reference)
        {
            var name = ((string)reference!).Split('/')[^1];
            // Pay's document describes metadata as an object with a 'metadata' member; the API (and its docs) take
            // up to 10 service-chosen keys with string, number or boolean values. Checked as the API takes it.
            if (name == "ExternalMetadata")
            {
                if (value is not JsonObject metadata || metadata.Count > 10
                    || metadata.Any(p => p.Value is not JsonValue v || v.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)))
                    problems.Add($"{at}: metadata must be up to 10 keys of strings, numbers or booleans");
                return;
            }
            Validate(value, Schema(name), at, request, problems);
            return;
        }
        if (value is null)
        {
            if (schema["nullable"]?.GetValue<bool>() != true)
                problems.Add($"{at}: null where the document does not allow it");
            return;
        }
        switch ((string?)schema["type"])
        {
            case "object":
                if (value is not JsonObject obj)
                {
                    problems.Add($"{at}: not an object");
                    return;
                }
                var properties = schema["properties"]?.AsObject();
                foreach (var required in schema["required"]?.AsArray().Select(r => (string)r!) ?? [])
                {
                    if (!obj.ContainsKey(required))
                        problems.Add($"{at}: missing required '{required}'");
                }
                foreach (var (key, child) in obj)
                {
                    if (properties?[key] is JsonObject propertySchema)
                    {
                        if (request && propertySchema["readOnly"]?.GetValue<bool>() == true)
                            problems.Add($"{at}.{key}: read-only, so never sent");
                        Validate(child, propertySchema, $"{at}.{key}", request, problems);
                    }
                    else if (schema["additionalProperties"] is JsonObject additional)
                    {
                        Validate(child, additional, $"{at}.{key}", request, problems);
                    }
                    else
                    {
                        problems.Add($"{at}.{key}: not a field the document defines");
                    }
                }
                break;
            case "array":
                if (value is not JsonArray array)
                    problems.Add($"{at}: not an array");
                else if (schema["items"] is JsonObject items)
                    for (var i = 0; i < array.Count; i++)
                        Validate(array[i], items, $"{at}[{i}]", request, problems);
                break;
            case "string":
                if (value is not JsonValue s || s.GetValueKind() != JsonValueKind.String)
                {
                    problems.Add($"{at}: not a string");
                    return;
                }
                var text = s.GetValue<string>();
                if (schema["enum"] is JsonArray choices && choices.All(c => (string?)c != text))
                    problems.Add($"{at}: '{text}' is not one of {choices.ToJsonString()}");
                if (schema["maxLength"] is JsonValue max && text.Length > max.GetValue<int>())
                    problems.Add($"{at}: longer than {max}");
                if (schema["minLength"] is JsonValue min && text.Length < min.GetValue<int>())
                    problems.Add($"{at}: shorter than {min}");
                if (schema["pattern"] is JsonValue pattern && !Regex.IsMatch(text, (string)pattern!, RegexOptions.None, TimeSpan.FromSeconds(1)))
                    problems.Add($"{at}: does not match {pattern}");
                break;
            case "integer":
                if (value is not JsonValue n || n.GetValueKind() != JsonValueKind.Number || !n.TryGetValue<long>(out var number))
                {
                    problems.Add($"{at}: not an integer");
                    return;
                }
                if (schema["maximum"] is JsonValue maximum && number > maximum.GetValue<long>())
                    problems.Add($"{at}: above {maximum}");
                if (schema["minimum"] is JsonValue minimum && number < minimum.GetValue<long>())
                    problems.Add($"{at}: below {minimum}");
                break;
            case "boolean":
                if (value is not JsonValue b || b.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                    problems.Add($"{at}: not a boolean");
                break;
        }
    }
}
