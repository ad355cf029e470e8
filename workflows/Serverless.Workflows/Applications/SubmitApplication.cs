using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Serverless.Workflows.Api;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Departments;
using Serverless.Workflows.Evidence;
using Serverless.Workflows.Identity;
using Serverless.Workflows.Journeys;

namespace Serverless.Workflows.Applications;

/// <summary>
/// <c>POST /api/v1/services/{service_id}/applications</c>. Verifies the identity token now (it is short-lived), that it is
/// for the frontend's session subject and meets the service's level, then validates the body against the service's
/// schema, stores the case, then starts its journey with the case id as instance id.
/// If the process dies between the two writes, a retry with the same Idempotency-Key, or the orphan sweep, starts it.
/// </summary>
public sealed class SubmitApplication(
    IDefinitionCatalog catalog, ICaseStore cases, CitizenAuthentication citizens, AttachedEvidence attachedEvidence, TimeProvider clock)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public async Task<IResult> HandleAsync(HttpRequest request, string serviceId, IJourneyClient journeys, CancellationToken cancellationToken)
    {
        var definition = catalog.FindLatest(serviceId);
        if (definition is null)
            return Problems.NotFound($"Service '{serviceId}'");

        if (await citizens.AuthenticateAsync(request, cancellationToken).ConfigureAwait(false) is not IdentityVerification.Verified citizen)
            return Problems.Unauthorised("The identity token is missing, expired or not valid.");
        var sessionSubject = request.Headers[CitizenAuthentication.SessionSubjectHeader].ToString();
        if (sessionSubject.Length == 0)
            return Problems.BadRequest("missing-session-subject", $"Send the subject of the frontend's One Login session as '{CitizenAuthentication.SessionSubjectHeader}'.");
        if (!string.Equals(sessionSubject, citizen.Subject, StringComparison.Ordinal))
            return Problems.Unauthorised("The identity token is not for the subject of the frontend's session.");
        // Before anything is stored: a citizen whose identity does not meet the service's level leaves no personal data behind.
        if (!IdentityLevels.Meets(citizen.Level, definition.IdentityLevel))
            return Problems.Create(StatusCodes.Status403Forbidden, "identity-level-too-low", "Forbidden",
                $"This service needs identity confidence {definition.IdentityLevel} or higher; the identity token has {citizen.Level}.");

        var idempotencyKey = request.Headers[IdempotencyKeyHeader].ToString();
        if (idempotencyKey.Length > 255 || idempotencyKey.Any(char.IsControl))
            return Problems.BadRequest("invalid-idempotency-key", "Idempotency-Key must be 1 to 255 printable characters.");

        var (body, bodyProblem) = await JsonBody.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
        if (body is null)
            return bodyProblem!;
        var validation = catalog.Validate(definition.Key, JsonSerializer.SerializeToElement(body));
        if (!validation.IsValid)
            return Problems.Invalid(validation.Errors);
        var (evidence, evidenceErrors) = await attachedEvidence.ResolveAsync(definition, body, citizen.Subject, cancellationToken).ConfigureAwait(false);
        if (evidenceErrors.Count > 0)
            return Problems.Invalid(evidenceErrors);

        var hash = JsonBody.Hash(body);
        var caseId = CaseIds.NewCaseId();
        if (idempotencyKey.Length > 0)
        {
            var claim = await cases.ClaimIdempotencyKeyAsync(new IdempotencyClaim(serviceId, idempotencyKey, caseId, hash), cancellationToken)
                .ConfigureAwait(false);
            if (claim.BodyHash != hash)
                return Problems.Conflict("idempotency-key-reused", "This Idempotency-Key was already used with a different application.");
            caseId = claim.CaseId;
        }

        var record = await cases.FindAsync(caseId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            record = NewCase(caseId, definition, body, hash, citizen, evidence);
            if (!DepartmentHandOff.CanCarry(record, definition, record.SubmittedAt))
                return Problems.CannotHandOff("The application with its evidence links", QueueMessageSize.MaxBytes);
            if (await attachedEvidence.AttachAsync(caseId, evidence, cancellationToken).ConfigureAwait(false) is { Count: > 0 } attachErrors)
                return Problems.Invalid(attachErrors);
            if (!await cases.TryCreateAsync(record, cancellationToken).ConfigureAwait(false))
                record = await cases.FindAsync(caseId, cancellationToken).ConfigureAwait(false) ?? throw new CaseNotFoundException(caseId);
        }
        if (record.Identity.Subject != citizen.Subject)
            return Problems.Conflict("idempotency-key-reused", "This Idempotency-Key was already used with a different application.");

        await journeys.StartIfAbsentAsync(caseId, cancellationToken).ConfigureAwait(false);

        var location = $"/api/v1/applications/{caseId}";
        return Results.Json(new SubmittedApplication(caseId, record.Reference, record.ServiceId, record.DefinitionVersion, record.Status, location, record.SubmittedAt),
            ApiJson.Options, statusCode: StatusCodes.Status202Accepted).WithLocation(location);
    }

    private CaseRecord NewCase(
        string caseId, ServiceDefinition definition, System.Text.Json.Nodes.JsonObject body, string hash, IdentityVerification.Verified citizen,
        IReadOnlyList<EvidenceDocument> evidence)
    {
        var now = clock.GetUtcNow();
        var record = new CaseRecord
        {
            Id = caseId,
            ServiceId = definition.ServiceId,
            DefinitionVersion = definition.Version,
            Reference = CaseIds.NewReference(definition.ServiceId),
            DepartmentId = definition.Department.Id,
            SubmittedAt = now,
            UpdatedAt = now,
            Application = body,
            ApplicationHash = hash,
            Identity = new IdentityCheck(citizen.Subject, citizen.Level, now),
            Evidence = [.. evidence],
        };
        record.Timeline.Add(new TimelineEntry(TimelineMilestones.Submitted, now, Actors.Citizen));
        return record;
    }
}

public sealed record SubmittedApplication(
    string CaseId, string Reference, string ServiceId, int ServiceVersion, string Status, string StatusUrl, DateTimeOffset SubmittedAt);
