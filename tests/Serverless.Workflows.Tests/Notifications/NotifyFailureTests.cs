using System.Net.Http;
using Notify.Exceptions;
using Serverless.Workflows.Notifications;
using Serverless.Workflows.Notifications.Sandbox;

namespace Serverless.Workflows.Tests.Notifications;

/// <summary>The GovukNotify client reports HTTP failures only as text: which of them are worth a retry.</summary>
public sealed class NotifyFailureTests
{
    // Both shapes the client throws: its own ("The following errors occured", indented JSON) and its fallback.
    private static NotifyClientException ClientError(int status) =>
        new("Status code {0}. The following errors occured {1}", status, "[\n  {\n    \"error\": \"ValidationError\",\n    \"message\": \"email_address Not a valid email address\"\n  }\n]");

    private static NotifyClientException FallbackError(int status) =>
        new("Status code {0}. Error: {1}, Exception: {2}", status, "<html>Bad gateway</html>", "Unexpected character");

    [Theory]
    [InlineData(400, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    public void Only_429_and_5xx_are_retried(int status, bool transient)
    {
        Assert.Equal(transient, NotifyFailure.IsTransient(ClientError(status)));
        Assert.Equal(transient, NotifyFailure.IsTransient(FallbackError(status)));
        Assert.Equal(status, NotifyFailure.StatusCode(ClientError(status)));
    }

    [Fact]
    public void No_response_at_all_is_retried()
    {
        Assert.True(NotifyFailure.IsTransient(new AggregateException(new HttpRequestException("Connection refused"))));
        Assert.True(NotifyFailure.IsTransient(new NotifyClientException("Connection refused")));
    }

    [Fact]
    public void The_error_type_is_read_but_not_the_message_which_may_hold_personal_data()
    {
        Assert.Equal("ValidationError", NotifyFailure.ErrorType(ClientError(400)));
        Assert.Equal("unknown", NotifyFailure.ErrorType(FallbackError(502)));
    }

    [Theory]
    [InlineData("my_test_key-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0", "26785a09-ab16-4eb0-8407-a37497a57506")]
    [InlineData("key-with-dashes-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0", "26785a09-ab16-4eb0-8407-a37497a57506")]
    public void Api_key_is_name_service_id_and_secret(string key, string serviceId)
    {
        var parsed = NotifyApiKey.Parse(key);
        Assert.Equal(serviceId, parsed?.ServiceId);
        Assert.Equal("3d844edf-8d35-48ac-975b-e847b4f122b0", parsed?.Secret);
    }

    [Fact]
    public void Api_key_without_two_uuids_is_not_a_key() => Assert.Null(NotifyApiKey.Parse("not-a-key-at-all"));
}
