using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Serverless.Workflows.Api;
using Serverless.Workflows.Applications;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Documents;
using Serverless.Workflows.Identity;

namespace Serverless.Workflows.Evidence;

/// <summary>
/// <c>POST /api/v1/services/{service_id}/evidence</c>: one file as the raw body, its type in Content-Type. The file is
/// checked against the service's evidence policy (type by its first bytes, size) and stored, bound to the citizen who
/// uploaded it; the returned id goes in the application's <c>evidence</c> array. Nothing about the file is logged.
/// </summary>
public sealed class UploadEvidence(IDefinitionCatalog catalog, CitizenAuthentication citizens, IDocumentStore documents)
{
    public async Task<IResult> HandleAsync(HttpRequest request, string serviceId, CancellationToken cancellationToken)
    {
        var definition = catalog.FindLatest(serviceId);
        if (definition?.Evidence is not { } policy)
            return Problems.NotFound($"Evidence uploads for service '{serviceId}'");
        if (await citizens.AuthenticateAsync(request, cancellationToken).ConfigureAwait(false) is not IdentityVerification.Verified citizen)
            return Problems.Unauthorised("The identity token is missing, expired or not valid.");

        var declared = MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) ? mediaType.MediaType.Value : null;
        if (declared is null || !policy.AllowedTypes.Contains(declared, StringComparer.OrdinalIgnoreCase))
            return UnsupportedType(policy);
        if (await JsonBody.ReadBytesAsync(request, policy.MaxBytesPerFile, cancellationToken).ConfigureAwait(false) is not { } content)
            return Problems.TooLarge("The file", policy.MaxBytesPerFile);
        if (content.Length == 0)
            return Problems.BadRequest("empty-file", "The body is empty: send the file's bytes.");
        var detected = FileSignatures.Detect(content);
        if (detected is null || !string.Equals(detected, declared, StringComparison.OrdinalIgnoreCase))
            return UnsupportedType(policy);

        var evidenceId = EvidenceNames.NewEvidenceId();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        await documents.PutAsync(EvidenceNames.EvidenceBlob(evidenceId), BinaryData.FromBytes(content), detected, new Dictionary<string, string>
        {
            [EvidenceNames.ServiceMetadata] = definition.ServiceId,
            [EvidenceNames.SubjectMetadata] = EvidenceNames.SubjectHash(citizen.Subject),
            [EvidenceNames.Sha256Metadata] = sha256,
        }, cancellationToken).ConfigureAwait(false);

        return Results.Json(new UploadedEvidence(evidenceId, detected, content.Length, sha256), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static IResult UnsupportedType(EvidencePolicy policy) => Problems.Create(
        StatusCodes.Status415UnsupportedMediaType, "unsupported-evidence-type", "Unsupported file type",
        $"The file must be one of {string.Join(", ", policy.AllowedTypes)}, sent with that Content-Type; its content is checked.",
        new Dictionary<string, object?> { ["allowed_types"] = policy.AllowedTypes });
}

public sealed record UploadedEvidence(string EvidenceId, string ContentType, long SizeBytes, string Sha256);
