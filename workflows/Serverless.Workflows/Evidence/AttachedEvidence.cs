using System.Globalization;
using System.Text.Json.Nodes;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Documents;

namespace Serverless.Workflows.Evidence;

/// <summary>
/// The files an application attaches, checked at submission: no more than the service allows, and each one uploaded for
/// this service by this citizen. Errors point into the application, like schema errors. Then each file is marked as
/// attached to the new case, before the case is created, so the retention sweep never takes it for an abandoned upload.
/// </summary>
public sealed class AttachedEvidence(IDocumentStore documents)
{
    public async Task<(IReadOnlyList<EvidenceDocument> Documents, IReadOnlyList<ValidationError> Errors)> ResolveAsync(
        ServiceDefinition definition, JsonObject application, string subject, CancellationToken cancellationToken)
    {
        if (application[EvidenceTypes.ApplicationField] is not JsonArray ids || definition.Evidence is not { } policy)
            return ([], []);
        if (ids.Count > policy.MaxFiles)
            return ([], [new ValidationError("/" + EvidenceTypes.ApplicationField, $"At most {policy.MaxFiles} files can be attached (evidence.max_files).")]);

        var found = new List<EvidenceDocument>();
        var errors = new List<ValidationError>();
        var subjectHash = EvidenceNames.SubjectHash(subject);
        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string?)ids[i] : null;
            var stored = EvidenceNames.IsWellFormed(id)
                ? await documents.FindAsync(EvidenceNames.EvidenceBlob(id!), cancellationToken).ConfigureAwait(false)
                : null;
            if (stored is null
                || stored.Metadata.GetValueOrDefault(EvidenceNames.SubjectMetadata) != subjectHash
                || stored.Metadata.GetValueOrDefault(EvidenceNames.ServiceMetadata) != definition.ServiceId)
            {
                // The same answer for "no such file" and "someone else's file": ids are not to be probed.
                errors.Add(new ValidationError($"/{EvidenceTypes.ApplicationField}/{i.ToString(CultureInfo.InvariantCulture)}", "Not a file you uploaded for this service."));
                continue;
            }
            found.Add(new EvidenceDocument(id!, stored.ContentType, stored.SizeBytes, stored.Metadata.GetValueOrDefault(EvidenceNames.Sha256Metadata) ?? ""));
        }
        return (found, errors);
    }

    /// <summary>
    /// Marks each file as attached to <paramref name="caseId"/> (again is fine). A file attached to another case, or deleted
    /// as an abandoned upload in the meantime, is an error: one case's retention must not delete another's evidence.
    /// The mark is conditional on the file's version, so it and the sweep's conditional delete cannot both succeed.
    /// </summary>
    public async Task<IReadOnlyList<ValidationError>> AttachAsync(string caseId, IReadOnlyList<EvidenceDocument> attached, CancellationToken cancellationToken)
    {
        var errors = new List<ValidationError>();
        for (var i = 0; i < attached.Count; i++)
        {
            if (!await TryAttachAsync(caseId, EvidenceNames.EvidenceBlob(attached[i].EvidenceId), cancellationToken).ConfigureAwait(false))
                errors.Add(new ValidationError($"/{EvidenceTypes.ApplicationField}/{i.ToString(CultureInfo.InvariantCulture)}",
                    "This file is attached to another application or has expired: upload it again."));
        }
        return errors;
    }

    private async Task<bool> TryAttachAsync(string caseId, string name, CancellationToken cancellationToken)
    {
        // A lost race is with a concurrent retry of the same submission, or with the sweep; looking again settles which.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await documents.FindAsync(name, cancellationToken).ConfigureAwait(false) is not { Version: { } version } stored)
                return false;
            if (stored.Metadata.TryGetValue(EvidenceNames.AttachedCaseMetadata, out var attachedTo))
                return attachedTo == caseId;
            var marked = new Dictionary<string, string>(stored.Metadata) { [EvidenceNames.AttachedCaseMetadata] = caseId };
            if (await documents.SetMetadataAsync(name, marked, version, cancellationToken).ConfigureAwait(false))
                return true;
        }
        return false;
    }
}
