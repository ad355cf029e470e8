using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Documents;
using Serverless.Workflows.Evidence;

namespace Serverless.Integration.Tests.CaseStore;

/// <summary>
/// Retention reaches the case's documents in Blob Storage (Azurite) as well as its record (the Cosmos emulator): a
/// redacted case's claim-checked application and evidence are deleted, and uploads never attached expire.
/// </summary>
public sealed class CaseDocumentRetentionTests : IClassFixture<CosmosEmulatorDatabase>, IAsyncLifetime
{
    private static readonly HttpClient Http = new();
    private static readonly BinaryData Pdf = BinaryData.FromString("%PDF-1.7\n% a scanned letter\n");
    private readonly CosmosCaseStore store;
    private readonly DocumentOptions options = AzuriteDocuments.NewOptions();
    private readonly BlobDocumentStore documents;
    private readonly CaseRetention retention;

    public CaseDocumentRetentionTests(CosmosEmulatorDatabase database)
    {
        store = database.Store;
        documents = AzuriteDocuments.Create(options);
        retention = new CaseRetention(store, documents, new MaxAgeAlerts(), Options.Create(new RetentionOptions()), Options.Create(options),
            TimeProvider.System, NullLogger<CaseRetention>.Instance);
    }

    [Fact]
    public async Task Redacting_a_case_deletes_its_claim_checked_application_and_evidence_and_the_department_links_stop_working()
    {
        var now = DateTimeOffset.UtcNow;
        var evidenceId = EvidenceNames.NewEvidenceId();
        var record = PastItsPeriod(now, CaseStatus.Approved, evidenceId);
        await documents.PutAsync(EvidenceNames.ApplicationBlob(record.Id), BinaryData.FromString("{\"full_name\":\"Ada Lovelace\"}"), "application/json",
            new Dictionary<string, string>(), default);
        await documents.PutAsync(EvidenceNames.EvidenceBlob(evidenceId), Pdf, "application/pdf",
            new Dictionary<string, string> { [EvidenceNames.AttachedCaseMetadata] = record.Id }, default);
        await store.TryCreateAsync(record, default);
        // The links the hand-off gives the department.
        var links = new[]
        {
            (await documents.ReadLinkAsync(EvidenceNames.ApplicationBlob(record.Id), default)).Url,
            (await documents.ReadLinkAsync(EvidenceNames.EvidenceBlob(evidenceId), default)).Url,
        };
        foreach (var link in links)
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(link));

        await retention.RedactAsync(now, default);

        Assert.Null(await documents.FindAsync(EvidenceNames.ApplicationBlob(record.Id), default));
        Assert.Null(await documents.FindAsync(EvidenceNames.EvidenceBlob(evidenceId), default));
        foreach (var link in links)
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(link));
        Assert.Null((await store.FindAsync(record.Id, default))!.Application);
    }

    [Fact]
    public async Task A_sweep_stopped_after_deleting_some_documents_finishes_on_the_next_run()
    {
        var now = DateTimeOffset.UtcNow;
        var (gone, left) = (EvidenceNames.NewEvidenceId(), EvidenceNames.NewEvidenceId());
        var record = PastItsPeriod(now, CaseStatus.Rejected, gone, left);
        await documents.PutAsync(EvidenceNames.EvidenceBlob(left), Pdf, "application/pdf", new Dictionary<string, string>(), default);
        await store.TryCreateAsync(record, default);

        // The application blob (never stored: the case went inline) and the first file are already gone.
        await retention.RedactAsync(now, default);

        Assert.Null(await documents.FindAsync(EvidenceNames.EvidenceBlob(left), default));
        Assert.Equal(now, (await store.FindAsync(record.Id, default))!.Retention.RedactedAt);
    }

    [Fact]
    public async Task Evidence_never_attached_is_deleted_after_its_lifetime_and_attached_evidence_is_kept()
    {
        var now = DateTimeOffset.UtcNow;
        var attachedCase = TestCases.New(TestCases.NewServiceId(), now, CaseStatus.WithDepartment);
        var (unattached, attached, orphaned) = (EvidenceNames.NewEvidenceId(), EvidenceNames.NewEvidenceId(), EvidenceNames.NewEvidenceId());
        foreach (var id in new[] { unattached, attached, orphaned })
            await documents.PutAsync(EvidenceNames.EvidenceBlob(id), Pdf, "application/pdf", new Dictionary<string, string> { [EvidenceNames.ServiceMetadata] = "s" }, default);
        var attaching = new AttachedEvidence(documents);
        Assert.Empty(await attaching.AttachAsync(attachedCase.Id, [Document(attached)], default));
        await store.TryCreateAsync(attachedCase, default);
        // Marked by a submission that stopped before it created its case.
        Assert.Empty(await attaching.AttachAsync(Guid.NewGuid().ToString("N"), [Document(orphaned)], default));

        Assert.Equal(0, await retention.DeleteUnattachedEvidenceAsync(now + options.UnattachedEvidenceLifetime - TimeSpan.FromMinutes(5), default));
        var deleted = await retention.DeleteUnattachedEvidenceAsync(now + options.UnattachedEvidenceLifetime + TimeSpan.FromMinutes(5), default);

        Assert.Equal(2, deleted);
        Assert.Null(await documents.FindAsync(EvidenceNames.EvidenceBlob(unattached), default));
        Assert.Null(await documents.FindAsync(EvidenceNames.EvidenceBlob(orphaned), default));
        var kept = await documents.FindAsync(EvidenceNames.EvidenceBlob(attached), default);
        Assert.Equal(attachedCase.Id, kept!.Metadata[EvidenceNames.AttachedCaseMetadata]);
        Assert.Equal("s", kept.Metadata[EvidenceNames.ServiceMetadata]);
    }

    [Fact]
    public async Task A_file_attached_to_one_case_cannot_be_attached_to_another()
    {
        var evidenceId = EvidenceNames.NewEvidenceId();
        await documents.PutAsync(EvidenceNames.EvidenceBlob(evidenceId), Pdf, "application/pdf", new Dictionary<string, string>(), default);
        var attaching = new AttachedEvidence(documents);

        Assert.Empty(await attaching.AttachAsync("case-a", [Document(evidenceId)], default));
        Assert.Empty(await attaching.AttachAsync("case-a", [Document(evidenceId)], default)); // a retried submission
        var refused = await attaching.AttachAsync("case-b", [Document(evidenceId)], default);

        Assert.Equal("/evidence/0", Assert.Single(refused).Pointer);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await AzuriteDocuments.Service.GetBlobContainerClient(options.Container).DeleteIfExistsAsync();

    private static CaseRecord PastItsPeriod(DateTimeOffset now, string status, params string[] evidenceIds)
    {
        var record = TestCases.New(TestCases.NewServiceId(), now.AddDays(-400), status);
        record.Step = JourneySteps.Finished;
        record.Retention.DeleteAfter = now.AddDays(-1);
        record.Evidence.AddRange(evidenceIds.Select(Document));
        return record;
    }

    private static EvidenceDocument Document(string evidenceId) => new(evidenceId, "application/pdf", Pdf.ToMemory().Length, new string('0', 64));

    private static async Task<HttpStatusCode> StatusAsync(Uri link)
    {
        using var response = await Http.GetAsync(link);
        return response.StatusCode;
    }
}
