using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Serverless.Workflows.Cases;

/// <summary>
/// The case: the record citizens, departments and ops look at. It holds the application data, so the Durable
/// orchestration carries only the case id (claim check). Stored as one Cosmos DB document, partition key <c>/id</c>.
/// </summary>
public sealed class CaseRecord
{
    /// <summary>The case id: unguessable, but not a secret (it appears in URLs and logs).</summary>
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("service_id")] public required string ServiceId { get; init; }
    [JsonPropertyName("definition_version")] public required int DefinitionVersion { get; init; }

    /// <summary>Short reference a citizen can quote, e.g. <c>RFL-7K3M-9Q2D</c>.</summary>
    [JsonPropertyName("reference")] public required string Reference { get; init; }

    [JsonPropertyName("department_id")] public required string DepartmentId { get; init; }
    [JsonPropertyName("status")] public string Status { get; set; } = CaseStatus.Submitted;

    /// <summary>The journey step now running, for a cheap status read.</summary>
    [JsonPropertyName("step")] public string Step { get; set; } = JourneySteps.Identity;

    /// <summary>
    /// The registered name of the orchestrator running the case's journey (for example <c>ServiceJourney_v2</c>). Absent
    /// on cases whose journey started before orchestrators were versioned: those run <c>ServiceJourney</c> (v1).
    /// </summary>
    [JsonPropertyName("orchestrator_version")] public string? OrchestratorVersion { get; set; }

    /// <summary>Set while the journey is parked on a failed step (status <c>needs_attention</c>), cleared by an operator's retry.</summary>
    [JsonPropertyName("attention")] public AttentionState? Attention { get; set; }

    [JsonPropertyName("submitted_at")] public required DateTimeOffset SubmittedAt { get; init; }
    [JsonPropertyName("updated_at")] public DateTimeOffset UpdatedAt { get; set; }
    [JsonPropertyName("finished_at")] public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The body the citizen submitted, validated against the pinned schema. Null once retention has removed it.</summary>
    [JsonPropertyName("application")] public JsonObject? Application { get; set; }

    /// <summary>Files attached to the application (referenced from its <c>evidence</c> array), checked at submission.</summary>
    [JsonPropertyName("evidence")] public List<EvidenceDocument> Evidence { get; init; } = [];

    /// <summary>SHA-256 of the submitted body: an Idempotency-Key reused with another body is refused.</summary>
    [JsonPropertyName("application_hash")] public required string ApplicationHash { get; init; }

    /// <summary>Settable so retention can replace the subject (a personal identifier) with <see cref="CaseRetention.Redacted"/>.</summary>
    [JsonPropertyName("identity")] public required IdentityCheck Identity { get; set; }
    [JsonPropertyName("payment")] public PaymentRecord? Payment { get; set; }
    [JsonPropertyName("department")] public DepartmentProgress? Department { get; set; }
    [JsonPropertyName("information_requests")] public List<InformationRequest> InformationRequests { get; init; } = [];
    /// <summary>Every decision the department sent, as received: the journey's events carry only their ids.</summary>
    [JsonPropertyName("decisions_received")] public List<DecisionRecord> DecisionsReceived { get; init; } = [];

    [JsonPropertyName("decision")] public DecisionRecord? Decision { get; set; }
    [JsonPropertyName("outcome")] public string? Outcome { get; set; }
    [JsonPropertyName("timeline")] public List<TimelineEntry> Timeline { get; init; } = [];
    [JsonPropertyName("notifications")] public List<NotificationRecord> Notifications { get; init; } = [];
    [JsonPropertyName("retention")] public RetentionState Retention { get; set; } = new();

    /// <summary>Cosmos DB's optimistic concurrency token; never serialised into the document body by us.</summary>
    [JsonPropertyName("_etag")] public string? ETag { get; set; }

    public bool HasMilestone(string milestone) => Timeline.Exists(t => t.Milestone == milestone);
}

/// <summary>The result of verifying the citizen's identity token at submission: never the token itself.</summary>
public sealed record IdentityCheck(
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("level")] string Level,
    [property: JsonPropertyName("verified_at")] DateTimeOffset VerifiedAt);

public sealed class PaymentRecord
{
    [JsonPropertyName("payment_id")] public required string PaymentId { get; init; }
    [JsonPropertyName("amount_pence")] public required int AmountPence { get; init; }
    [JsonPropertyName("status")] public required string Status { get; set; }
    [JsonPropertyName("next_url")] public string? NextUrl { get; set; }
    [JsonPropertyName("expires_at")] public required DateTimeOffset ExpiresAt { get; init; }
    [JsonPropertyName("refund_id")] public string? RefundId { get; set; }
    [JsonPropertyName("refund_status")] public string? RefundStatus { get; set; }
}

/// <summary>The case's time with the department: deadlines, and whether the SLA has been breached.</summary>
public sealed class DepartmentProgress
{
    [JsonPropertyName("handed_off_at")] public required DateTimeOffset HandedOffAt { get; init; }
    [JsonPropertyName("remind_at")] public required DateTimeOffset RemindAt { get; set; }
    [JsonPropertyName("due_at")] public required DateTimeOffset DueAt { get; set; }
    [JsonPropertyName("reminded_at")] public DateTimeOffset? RemindedAt { get; set; }
    [JsonPropertyName("escalated_at")] public DateTimeOffset? EscalatedAt { get; set; }
}

public sealed class InformationRequest
{
    [JsonPropertyName("decision_id")] public required string DecisionId { get; init; }
    [JsonPropertyName("reason")] public required string Reason { get; init; }
    [JsonPropertyName("requested_at")] public required DateTimeOffset RequestedAt { get; init; }
    [JsonPropertyName("respond_by")] public required DateTimeOffset RespondBy { get; init; }
    [JsonPropertyName("answered_at")] public DateTimeOffset? AnsweredAt { get; set; }
    [JsonPropertyName("answer")] public JsonObject? Answer { get; set; }
}

public sealed record DecisionRecord(
    [property: JsonPropertyName("decision_id")] string DecisionId,
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("decided_at")] DateTimeOffset DecidedAt);

/// <summary>A milestone on the case's timeline: what happened, when, who or what acted, and why when a person acted.</summary>
public sealed record TimelineEntry(
    [property: JsonPropertyName("milestone")] string Milestone,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("actor")] string Actor,
    [property: JsonPropertyName("reason"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null);

/// <summary>
/// A citizen notification, keyed by milestone so a retried step never sends it twice (Notify has no idempotency key).
/// Written first as an intent (no <see cref="SentAt"/>), then completed with Notify's id: an intent left without its result
/// means a send may have happened, so the retry asks Notify by <see cref="Reference"/> before sending.
/// </summary>
public sealed class NotificationRecord
{
    [JsonPropertyName("key")] public required string Key { get; init; }
    [JsonPropertyName("channel")] public required string Channel { get; init; }
    [JsonPropertyName("template_id")] public required string TemplateId { get; init; }

    /// <summary>Notify's <c>reference</c>: <c>{case id}:{key}</c>. Delivery receipts find the case by it.</summary>
    [JsonPropertyName("reference")] public string? Reference { get; init; }
    [JsonPropertyName("intended_at")] public DateTimeOffset? IntendedAt { get; init; }
    [JsonPropertyName("notification_id")] public string? NotificationId { get; set; }
    [JsonPropertyName("sent_at")] public DateTimeOffset? SentAt { get; set; }

    /// <summary>Notify refused the request (a 4xx other than 429): its error type, never retried.</summary>
    [JsonPropertyName("rejected")] public string? Rejected { get; set; }

    /// <summary>The latest status from Notify's delivery receipts (delivered, permanent-failure, temporary-failure, technical-failure).</summary>
    [JsonPropertyName("delivery_status")] public string? DeliveryStatus { get; set; }
    [JsonPropertyName("delivery_status_at")] public DateTimeOffset? DeliveryStatusAt { get; set; }
}

/// <summary>Why a journey is parked, and the status it returns to when the operator retries the step.</summary>
public sealed class AttentionState
{
    [JsonPropertyName("failed_step")] public required string FailedStep { get; init; }
    [JsonPropertyName("parked_from")] public required string ParkedFrom { get; init; }
    [JsonPropertyName("parked_at")] public required DateTimeOffset ParkedAt { get; init; }
}

public sealed class RetentionState
{
    /// <summary>When the application data is due to be deleted: set when the case finishes.</summary>
    [JsonPropertyName("delete_after")] public DateTimeOffset? DeleteAfter { get; set; }
    [JsonPropertyName("redacted_at")] public DateTimeOffset? RedactedAt { get; set; }
}
