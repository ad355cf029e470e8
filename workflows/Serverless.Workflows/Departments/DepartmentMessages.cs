using System.Text.Json.Nodes;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Definitions;

namespace Serverless.Workflows.Departments;

/// <summary>
/// Builds the messages departments receive. Ids are derived from the case and the step, so a retried step sends a
/// message with the same id and the department can drop the duplicate.
/// </summary>
public static class DepartmentMessages
{
    public const string SchemaBase = "https://serverless.service.gov.uk/schemas/";

    /// <summary><c>submitted.v1</c>: the application inline, and links to its evidence files if it has any.</summary>
    public static CloudEvent Submitted(CaseRecord record, ServiceDefinition definition, DateTimeOffset now, JsonArray? evidence = null) =>
        SubmittedAs(MessageTypes.Submitted, "application", record.Application?.DeepClone(), record, definition, now, evidence);

    /// <summary><c>submitted.v2</c>: the same, with a link to the stored application in place of the application.</summary>
    public static CloudEvent SubmittedByReference(CaseRecord record, ServiceDefinition definition, DateTimeOffset now, JsonObject applicationRef, JsonArray? evidence) =>
        SubmittedAs(MessageTypes.SubmittedByReference, "application_ref", applicationRef, record, definition, now, evidence);

    private static CloudEvent SubmittedAs(
        string type, string applicationField, JsonNode? application, CaseRecord record, ServiceDefinition definition, DateTimeOffset now, JsonArray? evidence)
    {
        var data = CaseHeader(record, definition);
        data["submitted_at"] = record.SubmittedAt.UtcDateTime;
        data["identity"] = new JsonObject { ["level"] = record.Identity.Level, ["verified_at"] = record.Identity.VerifiedAt.UtcDateTime };
        if (record.Payment is { } payment)
            data["payment"] = new JsonObject { ["payment_id"] = payment.PaymentId, ["amount_pence"] = payment.AmountPence, ["status"] = payment.Status };
        data[applicationField] = application;
        if (evidence is { Count: > 0 })
            data["evidence"] = evidence.DeepClone(); // The caller may build both versions from one list.
        return Envelope(type, $"{record.Id}.submitted", record, definition, now, data);
    }

    public static CloudEvent InformationProvided(CaseRecord record, ServiceDefinition definition, InformationRequest request, DateTimeOffset now)
    {
        var data = CaseHeader(record, definition);
        data["decision_id"] = request.DecisionId;
        data["requested_at"] = request.RequestedAt.UtcDateTime;
        data["answered_at"] = request.AnsweredAt?.UtcDateTime;
        data["answer"] = request.Answer?.DeepClone();
        return Envelope(MessageTypes.InformationProvided, $"{record.Id}.information.{request.DecisionId}", record, definition, now, data);
    }

    public static CloudEvent Reminder(CaseRecord record, ServiceDefinition definition, DateTimeOffset now) =>
        Envelope(MessageTypes.Reminder, $"{record.Id}.reminder.{record.Department!.DueAt.UtcDateTime:yyyyMMddHHmmss}", record, definition, now,
            CaseHeader(record, definition));

    private static JsonObject CaseHeader(CaseRecord record, ServiceDefinition definition) => new()
    {
        ["case_id"] = record.Id,
        ["reference"] = record.Reference,
        ["service_id"] = definition.ServiceId,
        ["service_version"] = definition.Version,
        ["department_id"] = definition.Department.Id,
        ["due_at"] = record.Department?.DueAt.UtcDateTime,
    };

    private static CloudEvent Envelope(string type, string id, CaseRecord record, ServiceDefinition definition, DateTimeOffset now, JsonObject data) => new()
    {
        Id = id,
        Source = $"/serverless/services/{definition.ServiceId}",
        Type = type,
        Subject = record.Id,
        Time = now.ToUniversalTime(),
        DataSchema = SchemaBase + MessageTypes.SchemaFile(type),
        Data = data,
    };
}
