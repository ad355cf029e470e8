using Serverless.Workflows.Evidence;

namespace Serverless.Workflows.Tests.Documents;

public class FileSignaturesTests
{
    [Theory]
    [InlineData("255044462D312E370A", EvidenceTypes.Pdf)]
    [InlineData("89504E470D0A1A0A0000000D49484452", EvidenceTypes.Png)]
    [InlineData("FFD8FFE000104A464946", EvidenceTypes.Jpeg)]
    public void Type_is_told_by_the_first_bytes(string hex, string type) =>
        Assert.Equal(type, FileSignatures.Detect(Convert.FromHexString(hex)));

    [Theory]
    [InlineData("4D5A90000300")] // A Windows executable.
    [InlineData("3C68746D6C3E")] // <html>
    [InlineData("2550")] // The start of "%PDF-", cut short.
    [InlineData("")]
    public void Anything_else_is_no_evidence_type(string hex) =>
        Assert.Null(FileSignatures.Detect(Convert.FromHexString(hex)));
}
