using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.Workflows.Payments;

/// <summary>A GOV.UK Pay webhook message (payment events), as Pay delivers it: the resource is the get-payment shape.</summary>
public sealed record PayWebhookMessage
{
    [JsonPropertyName("webhook_message_id")] public required string WebhookMessageId { get; init; }
    [JsonPropertyName("api_version")] public int ApiVersion { get; init; } = 1;
    [JsonPropertyName("created_date")] public required DateTimeOffset CreatedDate { get; init; }
    [JsonPropertyName("resource_id")] public required string ResourceId { get; init; }
    [JsonPropertyName("resource_type")] public required string ResourceType { get; init; }
    [JsonPropertyName("event_type")] public required string EventType { get; init; }
    [JsonPropertyName("resource")] public required PayPayment Resource { get; init; }

    public static JsonSerializerOptions SerializerOptions => PayJson.Options;
}

/// <summary>Pay's webhook event types, and the payment outcome each one settles.</summary>
public static class PayEventTypes
{
    public const string Succeeded = "card_payment_succeeded";
    public const string Captured = "card_payment_captured";
    public const string Failed = "card_payment_failed";
    public const string Expired = "card_payment_expired";
    public const string Started = "card_payment_started";
    public const string Refunded = "card_payment_refunded";

    /// <summary>The outcome the journey waits for, or null for an event that settles nothing (started, refunded…).</summary>
    public static string? Outcome(string eventType) => eventType switch
    {
        Succeeded or Captured => PaymentOutcomes.Succeeded,
        Failed => PaymentOutcomes.Failed,
        Expired => PaymentOutcomes.Expired,
        _ => null,
    };
}

public static class PaymentOutcomes
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Expired = "expired";
}
