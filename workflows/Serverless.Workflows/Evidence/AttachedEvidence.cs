using System.Globalization;
using System.Text.Json.Nodes;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Documents;

namespace Serverless.Workflows.Evidence;

/// <summary>
/// The files an application attaches, checked at submission: no more than the service allows, and each one uploaded for
/// this service by this citizen. Errors point into the application, like schema errors.
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
}
