using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.Workflows.Definitions;

/// <summary>
/// One published version of a service: everything the generic journey needs to run it. A (service_id, version) file never
/// changes once published; a case keeps the version it was submitted under.
/// </summary>
public sealed record ServiceDefinition
{
    /// <summary>Path of service-definition.schema.json, so editors check the file as it is typed. Metadata: the journey ignores it.</summary>
    [JsonPropertyName("$schema")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Schema { get; init; }

    [JsonPropertyName("service_id")] public required string ServiceId { get; init; }
    [JsonPropertyName("version")] public required int Version { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("department")] public required DepartmentRoute Department { get; init; }

    /// <summary>GOV.UK One Login level of confidence: P0, P1 or P2.</summary>
    [JsonPropertyName("identity_level")] public required string IdentityLevel { get; init; }

    /// <summary>The fee in pence, or null for a free service.</summary>
    [JsonPropertyName("fee_pence")] public int? FeePence { get; init; }

    [JsonPropertyName("refund_on_rejection")] public bool RefundOnRejection { get; init; }
    [JsonPropertyName("accounts")] public required PlatformAccounts Accounts { get; init; }
    [JsonPropertyName("decision_sla")] public required SlaDefinition DecisionSla { get; init; }

    /// <summary>How long the citizen has to answer a request for more information (ISO 8601, calendar time).</summary>
    [JsonPropertyName("information_response_within")] public required string InformationResponseWithin { get; init; }

    [JsonPropertyName("retention")] public required RetentionPolicy Retention { get; init; }

    /// <summary>Citizen notifications by milestone (see <see cref="Milestones"/>).</summary>
    [JsonPropertyName("notifications")] public required IReadOnlyDictionary<string, NotificationTemplate> Notifications { get; init; }

    /// <summary>Evidence files the citizen may attach, or null if the service takes none.</summary>
    [JsonPropertyName("evidence")] public EvidencePolicy? Evidence { get; init; }

    /// <summary>JSON Schema (2020-12) of the application body.</summary>
    [JsonPropertyName("application_schema")] public required JsonElement ApplicationSchema { get; init; }

    [JsonIgnore] public DefinitionKey Key => new(ServiceId, Version);
}

public readonly record struct DefinitionKey(string ServiceId, int Version)
{
    public override string ToString() => $"{ServiceId}@v{Version}";
}

public sealed record DepartmentRoute
{
    /// <summary>Department id, as it names itself in decisions it sends back.</summary>
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }

    /// <summary>Storage queue the department reads its cases from (3-63 lower-case letters, digits and hyphens).</summary>
    [JsonPropertyName("queue")] public required string Queue { get; init; }
}

public sealed record PlatformAccounts
{
    /// <summary>Credential name of the department's GOV.UK Pay account (Key Vault secret <c>pay-api-key-{name}</c>).</summary>
    [JsonPropertyName("pay")] public string? Pay { get; init; }

    /// <summary>Credential name of the department's GOV.UK Notify service (Key Vault secret <c>notify-api-key-{name}</c>).</summary>
    [JsonPropertyName("notify")] public required string Notify { get; init; }
}

public sealed record SlaDefinition
{
    /// <summary><c>calendar</c>: durations are elapsed time. <c>working_days</c>: each day of a duration is a UK working day.</summary>
    [JsonPropertyName("clock")] public required string Clock { get; init; }

    /// <summary>ISO 8601 duration from hand-off to the decision being due.</summary>
    [JsonPropertyName("decide_within")] public required string DecideWithin { get; init; }

    /// <summary>ISO 8601 duration from hand-off to the reminder sent to the department.</summary>
    [JsonPropertyName("remind_after")] public required string RemindAfter { get; init; }
}

public sealed record RetentionPolicy
{
    /// <summary>ISO 8601 duration after the case finishes when application data is deleted, leaving an audit stub.</summary>
    [JsonPropertyName("delete_application_data_after")] public required string DeleteApplicationDataAfter { get; init; }
}

public sealed record NotificationTemplate
{
    /// <summary><c>email</c> or <c>sms</c>.</summary>
    [JsonPropertyName("channel")] public required string Channel { get; init; }
    [JsonPropertyName("template_id")] public required string TemplateId { get; init; }

    /// <summary>JSON Pointer into the application to the email address or phone number.</summary>
    [JsonPropertyName("recipient")] public required string Recipient { get; init; }

    /// <summary>
    /// Template field name to its source: a JSON Pointer into the application (<c>/applicant/first_name</c>), or a case
    /// field (<c>case.reference</c>, <c>case.service_name</c>, <c>case.reason</c>, <c>case.payment_url</c>,
    /// <c>case.respond_by</c>, <c>case.fee</c>).
    /// </summary>
    [JsonPropertyName("personalisation")] public IReadOnlyDictionary<string, string> Personalisation { get; init; } =
        new Dictionary<string, string>();
}
