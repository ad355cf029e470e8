using Serverless.Workflows.Cases;
using Serverless.Workflows.Departments;
using Serverless.Workflows.Documents;
using Serverless.Workflows.Tests.Fakes;
using Serverless.Workflows.Tests.Journeys;

namespace Serverless.Workflows.Tests.Documents;

/// <summary>The hand-off message is measured as sent: inline when it fits the queue, by reference when it does not.</summary>
public class DepartmentHandOffTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly ServiceDefinition BlueBadge = TestDefinitions.Shipped().FindLatest(TestDefinitions.BlueBadge)!;
    private readonly InMemoryDocumentStore _documents = new();
    private readonly MessageContracts _contracts = MessageContracts.Load();

    /// <summary>Welsh, with its circumflexed vowels: two bytes each in UTF-8, six as \uXXXX.</summary>
    public static string Welsh(int characters)
    {
        const string text = "Mae gen i anhawster cerdded; rwy'n defnyddio ffon. Mae'r tŷ ar ben y bryn a'r ffordd i'r siop yn serth. Fy ŵyr sy'n fy helpu, a'm gŵr. Dŵr, tân, tŷ, ŷd. ";
        return string.Concat(Enumerable.Repeat(text, characters / text.Length + 1))[..characters];
    }

    [Fact]
    public void Welsh_text_is_sent_as_utf8_not_escaped()
    {
        var description = Welsh(20_000);
        var message = DepartmentMessages.Submitted(Case(description), BlueBadge, Now);

        var json = message.ToJson();
        Assert.Contains("tŷ, ŷd", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0175", json, StringComparison.Ordinal);
        // Apostrophes, common in Welsh, stay escaped (\u0027) with the other HTML-sensitive characters.
        var apostrophes = description.Count(c => c == '\'');
        Assert.True(QueueMessageSize.Of(message) < System.Text.Encoding.UTF8.GetByteCount(description) + 5 * apostrophes + 2_000, $"{QueueMessageSize.Of(message)} bytes");
    }

    [Fact]
    public void Html_sensitive_and_control_characters_stay_escaped()
    {
        var json = DepartmentMessages.Submitted(Case("<script>&\u0001"), BlueBadge, Now).ToJson();

        Assert.Contains("\\u003Cscript\\u003E\\u0026\\u0001", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Application_that_fits_a_queue_message_goes_inline_as_v1()
    {
        var record = Case(Welsh(46_000));

        var message = await new DepartmentHandOff(_documents).SubmittedAsync(record, BlueBadge, Now, default);

        // The default encoder's \uXXXX would have taken it past the limit.
        var escaped = JsonSerializer.SerializeToUtf8Bytes(message, new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull });
        Assert.True(escaped.Length > QueueMessageSize.MaxBytes, $"{escaped.Length} bytes escaped");
        Assert.Equal(MessageTypes.Submitted, message.Type);
        Assert.Empty(_documents.Stored);
        Assert.Empty(Validate(message));
    }

    [Fact]
    public async Task Application_too_large_for_a_queue_message_goes_by_reference_as_v2()
    {
        var record = Case(Welsh(90_000));

        var message = await new DepartmentHandOff(_documents).SubmittedAsync(record, BlueBadge, Now, default);

        Assert.Equal(MessageTypes.SubmittedByReference, message.Type);
        Assert.True(QueueMessageSize.Fits(message));
        Assert.Empty(Validate(message));
        var stored = _documents.Stored[EvidenceNames.ApplicationBlob(record.Id)];
        Assert.True(JsonNode.DeepEquals(record.Application, JsonNode.Parse(stored.Content.ToString())));
        var reference = message.Data["application_ref"]!;
        Assert.Equal(stored.Content.ToMemory().Length, (long)reference["size_bytes"]!);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stored.Content)), (string?)reference["sha256"]);
    }

    [Fact]
    public async Task Evidence_goes_to_the_department_as_links()
    {
        var record = Case("Walks with a stick.");
        record.Evidence.Add(new EvidenceDocument("ev-" + new string('a', 32), "application/pdf", 1234, new string('b', 64)));

        var message = await new DepartmentHandOff(_documents).SubmittedAsync(record, BlueBadge, Now, default);

        Assert.Empty(Validate(message));
        var link = message.Data["evidence"]![0]!;
        Assert.Equal("ev-" + new string('a', 32), (string?)link["evidence_id"]);
        Assert.Contains("/evidence/ev-", (string)link["url"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Case_whose_evidence_links_alone_overflow_a_message_cannot_be_carried()
    {
        var record = Case("Walks with a stick.");
        Assert.True(DepartmentHandOff.CanCarry(record, BlueBadge, Now));

        for (var i = 0; i < 70; i++)
            record.Evidence.Add(new EvidenceDocument($"ev-{i:x32}", "image/png", 1, new string('c', 64)));

        Assert.False(DepartmentHandOff.CanCarry(record, BlueBadge, Now));
    }

    private IReadOnlyList<ValidationError> Validate(CloudEvent message) =>
        _contracts.Validate(message.Type, JsonDocument.Parse(message.ToJson()).RootElement);

    private static CaseRecord Case(string description)
    {
        var application = ExampleApplications.For(TestDefinitions.BlueBadge);
        application["eligibility"] = new JsonObject { ["reason"] = "walking-difficulty", ["description"] = description };
        return new CaseRecord
        {
            Id = "case-" + new string('a', 26),
            ServiceId = BlueBadge.ServiceId,
            DefinitionVersion = BlueBadge.Version,
            Reference = "BB-AAAA-BBBB",
            DepartmentId = BlueBadge.Department.Id,
            SubmittedAt = Now,
            Application = application,
            ApplicationHash = "hash",
            Identity = new IdentityCheck("subject", "P2", Now),
            Department = new DepartmentProgress { HandedOffAt = Now, RemindAt = Now.AddDays(7), DueAt = Now.AddDays(10) },
        };
    }
}
