using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Sample;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Departments;
using Serverless.Workflows.Documents;
using static Serverless.Integration.Tests.EndToEnd.BadInputTests;

namespace Serverless.Integration.Tests.EndToEnd;

/// <summary>
/// Size limits and large data through the self-host on Azurite: body limits without a Content-Length, applications too
/// large for a queue message handed off by claim check, and evidence files reaching the department as read links.
/// </summary>
[Collection(SelfHostCollection.Name)]
public sealed class LargeDataTests(SelfHostFixture host)
{
    private const string BlueBadge = "blue-badge";
    private const string Applications = "api/v1/services/blue-badge/applications";
    private const string Evidence = "api/v1/services/blue-badge/evidence";
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    private static readonly byte[] Png = Convert.FromHexString("89504E470D0A1A0A0000000D4948445200000001000000010806000000");

    [Fact]
    public async Task Chunked_bodies_over_the_limit_are_refused_with_413_problem_json()
    {
        var token = await host.CitizenTokenAsync("chunked-citizen", "P2");

        var application = await AssertProblemAsync(await SendChunkedAsync(Applications, token, 300 * 1024, "application/json"), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(256 * 1024, (int)application["limit_bytes"]!);
        await AssertProblemAsync(await SendChunkedAsync("api/v1/webhooks/pay", token: null, 100 * 1024, "application/json"), HttpStatusCode.RequestEntityTooLarge);
        await AssertProblemAsync(await SendChunkedAsync(Evidence, token, 5 * 1024 * 1024 + 1, "application/pdf"), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Large_welsh_application_is_handed_off_by_reference_and_the_department_decides()
    {
        var token = await host.CitizenTokenAsync("large-welsh-citizen", "P2");
        var application = ExampleApplications.For(BlueBadge);
        var statement = Welsh(90_000);
        application["eligibility"] = new JsonObject { ["reason"] = "walking-difficulty", ["description"] = statement };
        using var submitted = await host.SendAsync(HttpMethod.Post, Applications, token, application);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var caseId = (string)(await submitted.Content.ReadFromJsonAsync<JsonObject>())!["case_id"]!;

        var department = host.Department("local-council-blue-badge", "blue-badge-cases");
        var handoff = await department.ReceiveAsync(caseId, MessageTypes.Submitted, TimeSpan.FromSeconds(60), default);

        Assert.Equal(MessageTypes.SubmittedByReference, (string?)handoff["type"]);
        Assert.DoesNotContain("Ŵyr", handoff.ToJsonString(), StringComparison.Ordinal);
        var received = await SampleDepartment.ReadApplicationAsync(handoff, default);
        Assert.Equal(statement, (string?)received["eligibility"]!["description"]);
        await department.DecideAsync(caseId, DecisionOutcomes.Approved, "Mae eich bathodyn ar ei ffordd.", default);
        await host.WaitForCaseAsync(caseId, token, c => (string?)c["status"] == "approved", "approved");
    }

    [Fact]
    public async Task Evidence_files_reach_the_department_as_working_links()
    {
        var token = await host.CitizenTokenAsync("evidence-citizen", "P2");
        var pdf = await UploadAsync(token, Pdf, "application/pdf");
        var png = await UploadAsync(token, Png, "image/png");
        var application = ExampleApplications.For(BlueBadge);
        application["evidence"] = new JsonArray(pdf, png);
        using var submitted = await host.SendAsync(HttpMethod.Post, Applications, token, application);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var caseId = (string)(await submitted.Content.ReadFromJsonAsync<JsonObject>())!["case_id"]!;

        var department = host.Department("local-council-blue-badge", "blue-badge-cases");
        var handoff = await department.ReceiveAsync(caseId, MessageTypes.Submitted, TimeSpan.FromSeconds(60), default);
        var files = await SampleDepartment.ReadEvidenceAsync(handoff, default);

        Assert.Equal(MessageTypes.Submitted, (string?)handoff["type"]);
        Assert.Equal([(pdf, "application/pdf"), (png, "image/png")], files.Select(f => (f.EvidenceId, f.ContentType)));
        Assert.Equal(Pdf, files[0].Content);
        Assert.Equal(Png, files[1].Content);
        using var anonymous = new HttpClient();
        var link = new Uri((string)handoff["data"]!["evidence"]![0]!["url"]!);
        using var unsigned = await anonymous.GetAsync(link.GetLeftPart(UriPartial.Path));
        Assert.False(unsigned.IsSuccessStatusCode, "The file must not be readable without the link's signature.");
    }

    [Fact]
    public async Task Retention_deletes_a_finished_case_stored_application_and_evidence_and_the_department_links_stop_working()
    {
        var token = await host.CitizenTokenAsync("retention-documents-citizen", "P2");
        var application = ExampleApplications.For(BlueBadge);
        application["eligibility"] = new JsonObject { ["reason"] = "walking-difficulty", ["description"] = Welsh(90_000) };
        var evidenceId = await UploadAsync(token, Pdf, "application/pdf");
        application["evidence"] = new JsonArray(evidenceId);
        using var submitted = await host.SendAsync(HttpMethod.Post, Applications, token, application);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var caseId = (string)(await submitted.Content.ReadFromJsonAsync<JsonObject>())!["case_id"]!;
        // Marked as attached, so the sweep of abandoned uploads leaves it to the case's own retention.
        var stored = await host.Services.GetRequiredService<IDocumentStore>().FindAsync(EvidenceNames.EvidenceBlob(evidenceId), default);
        Assert.Equal(caseId, stored!.Metadata[EvidenceNames.AttachedCaseMetadata]);
        var department = host.Department("local-council-blue-badge", "blue-badge-cases");
        var handoff = await department.ReceiveAsync(caseId, MessageTypes.Submitted, TimeSpan.FromSeconds(60), default);
        Assert.Equal(MessageTypes.SubmittedByReference, (string?)handoff["type"]);
        var links = new[] { new Uri((string)handoff["data"]!["application_ref"]!["url"]!), new Uri((string)handoff["data"]!["evidence"]![0]!["url"]!) };
        using var anonymous = new HttpClient();
        foreach (var link in links)
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(anonymous, link));
        await department.DecideAsync(caseId, DecisionOutcomes.Approved, "Approved.", default);
        await host.WaitForCaseAsync(caseId, token, c => (string?)c["status"] == "approved", "approved");

        // Its retention period over: only this case's date moves, so the sweep touches no other test's cases.
        var cases = host.Services.GetRequiredService<ICaseStore>();
        await cases.UpdateAsync(caseId, c => { c.Retention.DeleteAfter = DateTimeOffset.UtcNow.AddMinutes(-1); return true; }, default);
        await host.Services.GetRequiredService<CaseRetention>().RedactAsync(DateTimeOffset.UtcNow, default);

        foreach (var link in links)
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(anonymous, link));
        Assert.Null((await cases.FindAsync(caseId, default))!.Application);
    }

    [Fact]
    public async Task Bad_uploads_and_attachments_are_refused_with_problem_json()
    {
        var token = await host.CitizenTokenAsync("bad-upload-citizen", "P2");

        var wrongType = await AssertProblemAsync(await UploadResponseAsync(token, Encoding.UTF8.GetBytes("plain text"), "text/plain"), HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(3, wrongType["allowed_types"]!.AsArray().Count);
        await AssertProblemAsync(await UploadResponseAsync(token, Encoding.UTF8.GetBytes("<html>not a pdf</html>"), "application/pdf"), HttpStatusCode.UnsupportedMediaType);
        await AssertProblemAsync(await UploadResponseAsync(token, Png, "application/pdf"), HttpStatusCode.UnsupportedMediaType);
        var tooBig = new byte[5 * 1024 * 1024 + 1];
        Pdf.CopyTo(tooBig, 0);
        var big = await AssertProblemAsync(await UploadResponseAsync(token, tooBig, "application/pdf"), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(5 * 1024 * 1024, (int)big["limit_bytes"]!);
        await AssertProblemAsync(await UploadResponseAsync(token: null, Pdf, "application/pdf"), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await UploadResponseAsync(token, Pdf, "application/pdf", "api/v1/services/rod-fishing-licence/evidence"), HttpStatusCode.NotFound);

        var ids = new JsonArray();
        for (var i = 0; i < 4; i++)
            ids.Add(await UploadAsync(token, Pdf, "application/pdf"));
        var tooMany = ExampleApplications.For(BlueBadge);
        tooMany["evidence"] = ids;
        var many = await AssertProblemAsync(await host.SendAsync(HttpMethod.Post, Applications, token, tooMany), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("At most 3", (string?)many["errors"]![0]!["detail"], StringComparison.Ordinal);

        var someoneElses = ExampleApplications.For(BlueBadge);
        someoneElses["evidence"] = new JsonArray(await UploadAsync(await host.CitizenTokenAsync("another-citizen", "P2"), Pdf, "application/pdf"));
        var stolen = await AssertProblemAsync(await host.SendAsync(HttpMethod.Post, Applications, token, someoneElses), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("/evidence/0", (string?)stolen["errors"]![0]!["pointer"]);
    }

    /// <summary>Welsh, circumflexes and apostrophes included: much larger as \uXXXX than as UTF-8.</summary>
    private static string Welsh(int characters)
    {
        const string text = "Mae gen i anhawster cerdded; rwy'n defnyddio ffon. Mae'r tŷ ar ben y bryn a'r ffordd i'r siop yn serth. Fy ŵyr sy'n fy helpu, a'm gŵr. Ŵyr, dŵr, tân, tŷ, ŷd. ";
        return string.Concat(Enumerable.Repeat(text, characters / text.Length + 1))[..characters];
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, Uri link)
    {
        using var response = await client.GetAsync(link);
        return response.StatusCode;
    }

    private async Task<string> UploadAsync(string token, byte[] content, string contentType)
    {
        using var response = await UploadResponseAsync(token, content, contentType);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["evidence_id"]!;
    }

    private async Task<HttpResponseMessage> UploadResponseAsync(string? token, byte[] content, string contentType, string path = Evidence)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(content) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (token is not null)
            SelfHostFixture.AsCitizen(request, token);
        return await host.Http.SendAsync(request);
    }

    /// <summary>A body with no Content-Length, sent in chunks, as a client streaming an upload does.</summary>
    private async Task<HttpResponseMessage> SendChunkedAsync(string path, string? token, int bytes, string contentType)
    {
        var body = new byte[bytes];
        body.AsSpan().Fill((byte)' ');
        body[0] = (byte)'{';
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StreamContent(new UnseekableStream(body)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.TransferEncodingChunked = true;
        if (token is not null)
            SelfHostFixture.AsCitizen(request, token);
        return await host.Http.SendAsync(request);
    }

    private sealed class UnseekableStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}
