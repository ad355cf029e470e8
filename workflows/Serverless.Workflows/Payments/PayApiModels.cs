using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.Workflows.Payments;

// GOV.UK Pay's public API, as far as this platform uses it: only fields its OpenAPI document (publicapi_spec.json)
// defines, so any server that implements that document works. The live adapter and the sandbox share these shapes.

/// <summary><c>CreateCardPaymentRequest</c>.</summary>
public sealed record PayCreatePaymentRequest
{
    [JsonPropertyName("amount")] public required int Amount { get; init; }
    [JsonPropertyName("reference")] public required string Reference { get; init; }
    [JsonPropertyName("description")] public required string Description { get; init; }
    [JsonPropertyName("return_url")] public required string ReturnUrl { get; init; }
    [JsonPropertyName("language")] public string? Language { get; init; }
    [JsonPropertyName("metadata")] public IReadOnlyDictionary<string, JsonElement>? Metadata { get; init; }
}

/// <summary><c>CreatePaymentResult</c> and <c>PaymentWithAllLinks</c> (the same fields, as far as they are read here).</summary>
public sealed record PayPayment
{
    [JsonPropertyName("payment_id")] public required string PaymentId { get; init; }
    [JsonPropertyName("amount")] public long Amount { get; init; }
    [JsonPropertyName("reference")] public string? Reference { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("return_url")] public string? ReturnUrl { get; init; }
    [JsonPropertyName("language")] public string? Language { get; init; }
    [JsonPropertyName("metadata")] public IReadOnlyDictionary<string, JsonElement>? Metadata { get; init; }
    [JsonPropertyName("created_date")] public string? CreatedDate { get; init; }
    [JsonPropertyName("state")] public required PayPaymentState State { get; init; }
    [JsonPropertyName("refund_summary")] public PayRefundSummary? RefundSummary { get; init; }
    [JsonPropertyName("_links")] public PayPaymentLinks? Links { get; init; }

    /// <summary>A metadata value as text (Pay's metadata values are strings, numbers or booleans).</summary>
    public string? MetadataText(string key) => Metadata?.GetValueOrDefault(key) is { ValueKind: not JsonValueKind.Undefined } value
        ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
        : null;
}

/// <summary><c>PaymentState</c>: <c>code</c> and <c>message</c> only when the payment failed.</summary>
public sealed record PayPaymentState
{
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("finished")] public bool Finished { get; init; }
    [JsonPropertyName("code")] public string? Code { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
}

/// <summary><c>RefundSummary</c>.</summary>
public sealed record PayRefundSummary
{
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("amount_available")] public long AmountAvailable { get; init; }
    [JsonPropertyName("amount_submitted")] public long AmountSubmitted { get; init; }
}

/// <summary><c>PaymentLinks</c>: the citizen's <c>next_url</c> and the payment's own address.</summary>
public sealed record PayPaymentLinks
{
    [JsonPropertyName("self")] public PayLink? Self { get; init; }
    [JsonPropertyName("next_url")] public PayLink? NextUrl { get; init; }
    [JsonPropertyName("refunds")] public PayLink? Refunds { get; init; }
}

/// <summary><c>Link</c>.</summary>
public sealed record PayLink([property: JsonPropertyName("href")] string Href, [property: JsonPropertyName("method")] string Method);

/// <summary><c>PaymentRefundRequest</c>: <c>refund_amount_available</c> makes a repeated refund fail (412) rather than pay twice.</summary>
public sealed record PayRefundRequest
{
    [JsonPropertyName("amount")] public required int Amount { get; init; }
    [JsonPropertyName("refund_amount_available")] public int? RefundAmountAvailable { get; init; }
}

/// <summary><c>Refund</c>.</summary>
public sealed record PayRefund
{
    [JsonPropertyName("refund_id")] public required string RefundId { get; init; }
    [JsonPropertyName("payment_id")] public string? PaymentId { get; init; }
    [JsonPropertyName("amount")] public long Amount { get; init; }
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("created_date")] public string? CreatedDate { get; init; }
}

/// <summary><c>RefundForSearchResult</c>.</summary>
public sealed record PayRefundList
{
    [JsonPropertyName("payment_id")] public string? PaymentId { get; init; }
    [JsonPropertyName("_embedded")] public required PayEmbeddedRefunds Embedded { get; init; }
}

/// <summary><c>EmbeddedRefunds</c>.</summary>
public sealed record PayEmbeddedRefunds([property: JsonPropertyName("refunds")] IReadOnlyList<PayRefund> Refunds);

/// <summary><c>RequestError</c> / <c>ErrorResponse</c>.</summary>
public sealed record PayError
{
    [JsonPropertyName("code")] public string? Code { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("field")] public string? Field { get; init; }
}

/// <summary>Pay's JSON: snake_case names are on the properties; absent optional fields are left out, not sent as null.</summary>
public static class PayJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Pay's ISO 8601 timestamps, to the millisecond, in UTC.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Pay's error codes used here (docs.payments.service.gov.uk, API reference: errors and payment states).</summary>
public static class PayCodes
{
    /// <summary>Payment method rejected (card declined).</summary>
    public const string Declined = "P0010";
    public const string Expired = "P0020";
    public const string CancelledByUser = "P0030";
    public const string CancelledByService = "P0040";
    public const string ProviderError = "P0050";
    public const string IdempotencyKeyReused = "P0191";
    public const string TooManyRequests = "P0900";
    public const string RefundAmountMismatch = "P0604";
}
