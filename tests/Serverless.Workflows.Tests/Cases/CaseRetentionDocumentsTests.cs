using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Documents;
using Serverless.Workflows.Evidence;
using Serverless.Workflows.Tests.Fakes;

namespace Serverless.Workflows.Tests.Cases;

/// <summary>Retention's part in the document store: a redacted case's files go, and so do uploads never attached.</summary>
public class CaseRetentionDocumentsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly BinaryData Pdf = BinaryData.FromString("%PDF-1.7\n");
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly InMemoryCaseStore _cases = new();
    private readonly InMemoryDocumentStore _documents = new();
    private readonly DocumentOptions _options = new();
    private readonly CaseRetention _retention;

    public CaseRetentionDocumentsTests()
    {
        _documents.Clock = _clock;
        _retention = new CaseRetention(_cases, _documents, new RecordingTelemetry(), Options.Create(new RetentionOptions()), Options.Create(_options),
            _clock, NullLogger<CaseRetention>.Instance);
    }

    [Fact]
    public async Task Redacting_a_case_deletes_its_stored_application_and_evidence_files_and_no_one_elses()
    {
        var due = await CaseWithDocumentsAsync(deleteAfter: Now.AddDays(-1));
        var notYetDue = await CaseWithDocumentsAsync(deleteAfter: Now.AddDays(1));

        await _retention.RedactAsync(Now, default);

        Assert.DoesNotContain(_documents.Stored.Keys, k => k.Contains(due.Id, StringComparison.Ordinal) || k == EvidenceNames.EvidenceBlob(due.Evidence[0].EvidenceId));
        Assert.Contains(EvidenceNames.ApplicationBlob(notYetDue.Id), _documents.Stored.Keys);
        Assert.Contains(EvidenceNames.EvidenceBlob(notYetDue.Evidence[0].EvidenceId), _documents.Stored.Keys);
        Assert.Equal(Now, (await _cases.FindAsync(due.Id, default))!.Retention.RedactedAt);
    }

    [Fact]
    public async Task Uploads_never_attached_are_deleted_after_their_lifetime_and_attached_ones_are_kept()
    {
        var unattached = await UploadAsync();
        var attached = await CaseWithDocumentsAsync(deleteAfter: Now.AddYears(2));
        var abandonedSubmission = await UploadAsync();
        Assert.Empty(await new AttachedEvidence(_documents).AttachAsync("case-never-created", [Document(abandonedSubmission)], default));

        _clock.Advance(_options.UnattachedEvidenceLifetime - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await _retention.DeleteUnattachedEvidenceAsync(_clock.GetUtcNow(), default));
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(2, await _retention.DeleteUnattachedEvidenceAsync(_clock.GetUtcNow(), default));

        Assert.Equal([EvidenceNames.EvidenceBlob(attached.Evidence[0].EvidenceId)],
            _documents.Stored.Keys.Where(k => k.StartsWith(EvidenceNames.EvidencePrefix, StringComparison.Ordinal)));
        Assert.DoesNotContain(EvidenceNames.EvidenceBlob(unattached), _documents.Stored.Keys);
    }

    [Fact]
    public async Task A_file_attached_while_the_sweep_runs_is_not_deleted()
    {
        var evidenceId = await UploadAsync();
        _clock.Advance(_options.UnattachedEvidenceLifetime * 2);
        var listed = await _documents.ListAsync(EvidenceNames.EvidencePrefix, default).SingleAsync();

        Assert.Empty(await new AttachedEvidence(_documents).AttachAsync("case-1", [Document(evidenceId)], default));

        Assert.False(await _documents.DeleteAsync(listed.Name, listed.Version, default));
        Assert.Contains(EvidenceNames.EvidenceBlob(evidenceId), _documents.Stored.Keys);
    }

    private async Task<string> UploadAsync()
    {
        var id = EvidenceNames.NewEvidenceId();
        await _documents.PutAsync(EvidenceNames.EvidenceBlob(id), Pdf, "application/pdf", new Dictionary<string, string>(), default);
        return id;
    }

    private async Task<CaseRecord> CaseWithDocumentsAsync(DateTimeOffset deleteAfter)
    {
        var evidenceId = await UploadAsync();
        var record = new CaseRecord
        {
            Id = CaseIds.NewCaseId(),
            ServiceId = "blue-badge",
            DefinitionVersion = 1,
            Reference = "BB-AAAA-BBBB",
            DepartmentId = "dept",
            Status = CaseStatus.Approved,
            SubmittedAt = Now.AddDays(-60),
            Application = new JsonObject { ["full_name"] = "Ada Lovelace" },
            ApplicationHash = "hash",
            Identity = new IdentityCheck("subject", "P2", Now.AddDays(-60)),
            Evidence = [Document(evidenceId)],
        };
        record.Retention.DeleteAfter = deleteAfter;
        Assert.Empty(await new AttachedEvidence(_documents).AttachAsync(record.Id, record.Evidence, default));
        await _documents.PutAsync(EvidenceNames.ApplicationBlob(record.Id), BinaryData.FromString("{}"), "application/json", new Dictionary<string, string>(), default);
        await _cases.TryCreateAsync(record, default);
        return record;
    }

    private static EvidenceDocument Document(string evidenceId) => new(evidenceId, "application/pdf", Pdf.ToMemory().Length, new string('0', 64));
}
