using static Serverless.Workflows.Tests.Definitions.DefinitionFiles;

namespace Serverless.Workflows.Tests.Definitions;

/// <summary>A service's evidence policy is checked at load: limits the upload path can honour, known types, a schema that takes the ids.</summary>
public class EvidenceRulesTests
{
    [Fact]
    public void Shipped_blue_badge_v2_takes_pdf_jpeg_and_png()
    {
        var policy = DefinitionCatalog.LoadEmbedded().FindLatest("blue-badge")!.Evidence!;

        Assert.Equal(["application/pdf", "image/jpeg", "image/png"], policy.AllowedTypes);
        Assert.Equal(3, policy.MaxFiles);
    }

    [Theory]
    [InlineData("max_files", 0, "must be 1 to 10")]
    [InlineData("max_files", 11, "must be 1 to 10")]
    [InlineData("max_bytes_per_file", 0, "must be 1 to 10485760 bytes")]
    [InlineData("max_bytes_per_file", 10485761, "must be 1 to 10485760 bytes")]
    public void Limits_outside_what_the_upload_path_handles_are_rejected(string field, int value, string reason)
    {
        var definition = Edit(BlueBadgeV2);
        definition["evidence"]![field] = value;

        AssertNames(Rejected(definition, BlueBadgeV2), BlueBadgeV2, "evidence." + field, reason);
    }

    [Fact]
    public void Unknown_file_type_is_rejected()
    {
        var definition = Edit(BlueBadgeV2);
        definition["evidence"]!["allowed_types"] = new JsonArray("application/pdf", "application/zip");

        AssertNames(Rejected(definition, BlueBadgeV2), BlueBadgeV2, "evidence.allowed_types", "'application/zip' is not supported");
    }

    [Fact]
    public void Schema_without_an_evidence_field_is_rejected()
    {
        var definition = Edit(BlueBadgeV2);
        definition["application_schema"]!["properties"]!.AsObject().Remove("evidence");

        AssertNames(Rejected(definition, BlueBadgeV2), BlueBadgeV2, "application_schema", "must declare a top-level 'evidence' property");
    }
}
