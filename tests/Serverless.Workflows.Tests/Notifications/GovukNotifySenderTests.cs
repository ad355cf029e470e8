using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Notifications;

namespace Serverless.Workflows.Tests.Notifications;

/// <summary>The Notify adapter's retry rules, over a scripted HTTP answer (the end-to-end tests use the Notify sandbox).</summary>
public sealed class GovukNotifySenderTests
{
    private const string Key = "test-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0";
    private static readonly NotificationMessage Message = new("dept", "email", Guid.NewGuid().ToString(), "someone@example.com",
        new Dictionary<string, string> { ["name"] = "A" }, "case-1:received");

    [Fact]
    public async Task A_400_is_refused_for_good_after_one_request()
    {
        var http = new ScriptedHttp(_ => (HttpStatusCode.BadRequest, """{"errors":[{"error":"ValidationError","message":"bad"}],"status_code":400}"""));

        var refused = await Assert.ThrowsAsync<NotificationRejectedException>(() => Sender(http).SendAsync(Message, default));

        Assert.Equal(400, refused.StatusCode);
        Assert.Equal("ValidationError", refused.Reason);
        Assert.Single(http.Requests);
    }

    [Fact]
    public async Task After_a_5xx_Notify_is_asked_by_reference_before_sending_again()
    {
        // The first send fails with 503, but Notify had accepted it: the lookup finds it, so there is no second send.
        var http = new ScriptedHttp(request => request.Method == HttpMethod.Post
            ? (HttpStatusCode.ServiceUnavailable, """{"errors":[{"error":"ServerError","message":"down"}],"status_code":503}""")
            : (HttpStatusCode.OK, """{"notifications":[{"id":"found-id","reference":"case-1:received","type":"email","status":"created"}],"links":{"current":"x"}}"""));

        var id = await Sender(http).SendAsync(Message, default);

        Assert.Equal("found-id", id);
        Assert.Equal(["POST /v2/notifications/email", "GET /v2/notifications?reference=case-1%3Areceived"], http.Requests);
    }

    private static GovukNotifySender Sender(ScriptedHttp http)
    {
        var notify = new NotifyOptions { BaseUrl = "http://notify.test/" };
        var accounts = new PlatformAccountsOptions();
        accounts.Notify.Accounts["dept"] = new NotifyAccountOptions { ApiKey = Key };
        return new GovukNotifySender(http, Options.Create(notify), Options.Create(accounts), Options.Create(new PlatformOptions()), Options.Create(new JourneyOptions()),
            new ImmediateTime(), NullLogger<GovukNotifySender>.Instance);
    }

    /// <summary>Backoff delays elapse at once.</summary>
    private sealed class ImmediateTime : FakeTimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            base.CreateTimer(callback, state, TimeSpan.Zero, period);
    }

    private sealed class ScriptedHttp(Func<HttpRequestMessage, (HttpStatusCode, string)> answer) : IHttpClientFactory
    {
        public Func<HttpRequestMessage, (HttpStatusCode, string)> Answer { get; } = answer;

        public List<string> Requests { get; } = [];

        public HttpClient CreateClient(string name) => new(new Handler(this));

        private sealed class Handler(ScriptedHttp owner) : HttpMessageHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                lock (owner.Requests)
                    owner.Requests.Add($"{request.Method} {request.RequestUri!.PathAndQuery}");
                var (status, body) = owner.Answer(request);
                return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body) });
            }
        }
    }
}
