using Serverless.Workflows.Departments;
using Serverless.Workflows.Operations;

namespace Serverless.Workflows.Tests.Operations;

public sealed class PoisonRedriveTests
{
    [Fact]
    public void Message_refused_by_intake_goes_back_as_its_original_message()
    {
        const string original = """{"specversion":"1.0","id":"d-1","type":"uk.gov.serverless.case.decision.v1"}""";
        Assert.Equal(original, PoisonRedrive.Unwrap(JsonSerializer.Serialize(new PoisonMessage("bad outcome", original, 1))));
    }

    [Theory]
    [InlineData("""{"specversion":"1.0","id":"d-2","type":"uk.gov.serverless.case.decision.v1"}""")] // moved by the Functions host as it came
    [InlineData("not json at all")]
    [InlineData("""{"original_message":"no reason, so not our wrapper"}""")]
    public void Message_not_wrapped_by_intake_goes_back_as_it_is(string text) => Assert.Equal(text, PoisonRedrive.Unwrap(text));
}
