using Serverless.Workflows.Departments;

namespace Serverless.Workflows.Tests.Decisions;

public sealed class MessageFormatTests
{
    private static readonly MessageContracts Contracts = MessageContracts.Load();

    [Fact]
    public void Decision_with_a_time_that_is_not_a_date_time_is_refused()
    {
        var errors = Contracts.Validate(MessageTypes.Decision, Decision(time: "last Tuesday"));

        Assert.Contains(errors, e => e.Pointer == "/time");
    }

    [Fact]
    public void Decision_with_an_RFC_3339_time_is_accepted()
    {
        Assert.Empty(Contracts.Validate(MessageTypes.Decision, Decision(time: "2026-12-03T18:30:00Z")));
    }

    private static JsonElement Decision(string time) => JsonSerializer.SerializeToElement(new JsonObject
    {
        ["specversion"] = "1.0",
        ["id"] = "dec-1",
        ["source"] = "/departments/test",
        ["type"] = MessageTypes.Decision,
        ["subject"] = "case-" + new string('a', 26),
        ["time"] = time,
        ["datacontenttype"] = "application/json",
        ["data"] = new JsonObject { ["department_id"] = "dept", ["outcome"] = "approved", ["reason"] = "Meets the rules." },
    });
}
