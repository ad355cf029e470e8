using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Telemetry;

namespace Serverless.Integration.Tests.EndToEnd;

/// <summary>
/// GOV.UK Notify end to end: the live adapter (the official client) against the Notify sandbox over HTTP, its delivery
/// receipts back through the callback, and the exchanges held to Notify's published OpenAPI documents.
/// </summary>
[Collection(SelfHostCollection.Name)]
public sealed class NotifyEndToEndTests(SelfHostFixture host)
{
    private const string BlueBadge = "blue-badge";

    [Fact]
    public async Task Delivery_receipts_land_on_the_timeline_and_every_Notify_exchange_matches_Notifys_OpenAPI()
    {
        var (caseId, token) = await ApplyAsync(ExampleApplications.For(BlueBadge));

        var delivered = await host.WaitForCaseAsync(caseId, token, c => HasMilestone(c, "notification_delivered"), "a delivery receipt on the timeline");
        Assert.Contains(delivered["timeline"]!.AsArray(), t => (string?)t!["actor"] == "gov.uk-notify");

        // Every operation the platform uses, through the official client as a service would call Notify itself.
        using var http = new HttpClient(new NotifyExchangeRecorder { InnerHandler = new HttpClientHandler() });
        using var wrapper = new Notify.Client.HttpClientWrapper(http);
        var client = new Notify.Client.NotificationClient(wrapper, SampleKey);
        wrapper.BaseAddress = new Uri(host.BaseUrl, "api/sandbox/notify/");
        var sms = await client.SendSmsAsync("07700900123", Guid.NewGuid().ToString(), new() { ["reference"] = "RFL-TEST" }, $"{caseId}:sms-check");
        Assert.Equal(sms.id, (await client.GetNotificationByIdAsync(sms.id)).id);
        Assert.Equal(sms.id, Assert.Single((await client.GetNotificationsAsync(reference: $"{caseId}:sms-check")).notifications).id);

        var exchanges = NotifyExchangeRecorder.Exchanges.ToList();
        Assert.Contains(exchanges, e => e.Method == "POST" && e.Path.EndsWith("/v2/notifications/email", StringComparison.Ordinal) && e.Status == 201);
        Assert.Contains(exchanges, e => e.Path.EndsWith("/callbacks/notify", StringComparison.Ordinal) && e.Status == 204);
        var violations = exchanges.SelectMany(NotifyConformance.Violations).ToList();
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public async Task Notify_permanent_failure_is_recorded_on_the_case_and_reported_without_personal_data()
    {
        var telemetry = new ConcurrentQueue<(string Milestone, string Status)>();
        await RestartWithAsync(services => services.Replace(ServiceDescriptor.Singleton<IJourneyTelemetry>(sp =>
            new ObservedTelemetry(ActivatorUtilities.CreateInstance<LoggingJourneyTelemetry>(sp), telemetry))));
        try
        {
            var application = ExampleApplications.For(BlueBadge);
            application["contact"]!["email"] = "perm-fail@simulator.notify";
            var (caseId, token) = await ApplyAsync(application);

            await host.WaitForCaseAsync(caseId, token, c => HasMilestone(c, "notification_permanent_failure"), "a permanent failure on the timeline");
            var record = await host.Services.GetRequiredService<ICaseStore>().FindAsync(caseId, default);
            Assert.Equal("permanent-failure", record!.Notifications.Single(n => n.Key == Milestones.Received).DeliveryStatus);
            var reported = await PollAsync(() => telemetry.FirstOrDefault(t => t.Status == "permanent-failure"), "the failure reported to ops");
            Assert.Equal((Milestones.Received, "permanent-failure"), reported);
        }
        finally
        {
            await RestartWithAsync(null);
        }
    }

    [Fact]
    public async Task Case_store_failure_between_a_Notify_send_and_its_record_still_gives_exactly_one_message()
    {
        await RestartWithAsync(services => services.FailOnceOnRecordingASend());
        try
        {
            var (caseId, token) = await ApplyAsync(ExampleApplications.For(BlueBadge));

            // The journey's step fails once after the send, is retried by the orchestrator, and finds the message at Notify.
            await host.WaitForCaseAsync(caseId, token, c => (string?)c["status"] == "with_department", "with the department", TimeSpan.FromSeconds(90));
            var sent = await host.Http.GetFromJsonAsync<JsonObject>($"api/sandbox/notify/messages?case_id={caseId}");
            Assert.Single(sent!["messages"]!.AsArray(), m => (string?)m!["reference"] == $"{caseId}:{Milestones.Received}");
            var record = await host.Services.GetRequiredService<ICaseStore>().FindAsync(caseId, default);
            Assert.NotNull(record!.Notifications.Single(n => n.Key == Milestones.Received).SentAt);
            Assert.Contains(NotifyExchangeRecorder.Exchanges, e => e.Method == "GET" && e.Path.EndsWith("/v2/notifications", StringComparison.Ordinal));
        }
        finally
        {
            await RestartWithAsync(null);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-the-configured-token")]
    public async Task Callback_without_the_configured_bearer_token_is_refused_with_401(string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/callbacks/notify")
        {
            Content = JsonContent.Create(new { id = Guid.NewGuid().ToString(), reference = "case-x:received", status = "delivered" }),
        };
        if (authorization is not null)
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("stale", 403)]
    [InlineData("wrong-secret", 403)]
    [InlineData("unknown-service", 403)]
    [InlineData("fresh", 201)]
    public async Task Notify_sandbox_checks_the_API_key_token_as_Notify_does(string token, int expected)
    {
        var key = Serverless.Workflows.Notifications.Sandbox.NotifyApiKey.Parse(SampleKey)!;
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var jwt = token switch
        {
            "stale" => NotifyJwt(key.ServiceId, key.Secret, now - 60),
            "wrong-secret" => NotifyJwt(key.ServiceId, Guid.NewGuid().ToString(), now),
            "unknown-service" => NotifyJwt(Guid.NewGuid().ToString(), key.Secret, now),
            _ => NotifyJwt(key.ServiceId, key.Secret, now),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/sandbox/notify/v2/notifications/email")
        {
            Content = JsonContent.Create(new { email_address = "someone@example.com", template_id = Guid.NewGuid().ToString(), reference = "sandbox-auth-test" }),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + jwt);
        using var response = await host.Http.SendAsync(request);

        Assert.Equal(expected, (int)response.StatusCode);
        if (expected == 403)
            Assert.Equal("AuthError", (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![0]!["error"]);
    }

    /// <summary>A Notify API token made by hand: HS256 over <c>{"iss","iat"}</c> with the key's secret.</summary>
    private static string NotifyJwt(string serviceId, string secret, long issuedAt)
    {
        static string Encode(byte[] bytes) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(bytes);
        var signed = Encode("{\"typ\":\"JWT\",\"alg\":\"HS256\"}"u8.ToArray()) + "." +
            Encode(System.Text.Encoding.UTF8.GetBytes($"{{\"iss\":\"{serviceId}\",\"iat\":{issuedAt}}}"));
        var signature = System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), System.Text.Encoding.ASCII.GetBytes(signed));
        return signed + "." + Encode(signature);
    }

    /// <summary>The sample Environment Agency service's key in appsettings.json, which the Notify sandbox accepts.</summary>
    private const string SampleKey = "environment_agency_sandbox-3f2c8a7e-1b4d-4c6e-9a0f-5d7e8b9c0a1b-8e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b";

    private async Task<(string CaseId, string Token)> ApplyAsync(JsonObject application)
    {
        var subject = "notify-citizen-" + Guid.NewGuid().ToString("N")[..8];
        var token = await host.CitizenTokenAsync(subject, "P2");
        using var response = await host.SendAsync(HttpMethod.Post, $"api/v1/services/{BlueBadge}/applications", token, application);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return ((string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["case_id"]!, token);
    }

    private async Task RestartWithAsync(Action<IServiceCollection>? overrides)
    {
        await host.StopAsync();
        host.Overrides = overrides;
        await host.StartAsync();
    }

    private static bool HasMilestone(JsonObject view, string milestone) =>
        view["timeline"]!.AsArray().Any(t => (string?)t!["milestone"] == milestone);

    private static async Task<T> PollAsync<T>(Func<T> read, string what)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!deadline.IsCancellationRequested)
        {
            if (read() is { } value && !EqualityComparer<T>.Default.Equals(value, default))
                return value;
            await Task.Delay(100);
        }
        throw new TimeoutException("Never saw " + what);
    }

    /// <summary>The host's own telemetry, observed: what ops would see, by milestone and status only.</summary>
    private sealed class ObservedTelemetry(IJourneyTelemetry inner, ConcurrentQueue<(string, string)> failures) : IJourneyTelemetry
    {
        public void NotificationFailed(DefinitionKey service, string milestone, string status)
        {
            failures.Enqueue((milestone, status));
            inner.NotificationFailed(service, milestone, status);
        }

        public void JourneyStarted(DefinitionKey service) => inner.JourneyStarted(service);
        public void JourneyCompleted(DefinitionKey service, string outcome) => inner.JourneyCompleted(service, outcome);
        public void JourneyFailed(DefinitionKey service, string reason) => inner.JourneyFailed(service, reason);
        public void StepCompleted(DefinitionKey service, string step, TimeSpan duration) => inner.StepCompleted(service, step, duration);
        public void SlaBreached(DefinitionKey service) => inner.SlaBreached(service);
        public void JourneyNeedsAttention(DefinitionKey service, string step) => inner.JourneyNeedsAttention(service, step);
        public void CaseExceededMaxAge(DefinitionKey service, string status) => inner.CaseExceededMaxAge(service, status);
        public void PoisonMessage(string queue, string reason) => inner.PoisonMessage(queue, reason);
        public void CasesWaitingOnDepartment(string serviceId, int count) => inner.CasesWaitingOnDepartment(serviceId, count);
        public void PoisonQueueDepth(string queue, int depth) => inner.PoisonQueueDepth(queue, depth);
    }
}

internal static class SendRecordOutage
{
    /// <summary>The case store fails, as in an outage, the first time a notification's send would be recorded: after the send.</summary>
    public static void FailOnceOnRecordingASend(this IServiceCollection services)
    {
        var inner = services.Single(d => d.ServiceType == typeof(ICaseStore));
        services.Replace(ServiceDescriptor.Singleton<ICaseStore>(sp => new Outage((ICaseStore)inner.ImplementationFactory!(sp))));
    }

    private sealed class Outage(ICaseStore inner) : ICaseStore
    {
        private int _failed;

        public Task<CaseRecord> UpdateAsync(string caseId, Func<CaseRecord, bool> mutate, CancellationToken cancellationToken) =>
            inner.UpdateAsync(caseId, c =>
            {
                var sentBefore = c.Notifications.Count(n => n.SentAt is not null);
                var changed = mutate(c);
                if (c.Notifications.Count(n => n.SentAt is not null) > sentBefore && Interlocked.Exchange(ref _failed, 1) == 0)
                    throw new TimeoutException("Injected outage: the send is not recorded.");
                return changed;
            }, cancellationToken);

        public Task<CaseRecord?> FindAsync(string caseId, CancellationToken cancellationToken) => inner.FindAsync(caseId, cancellationToken);
        public Task<bool> TryCreateAsync(CaseRecord record, CancellationToken cancellationToken) => inner.TryCreateAsync(record, cancellationToken);
        public Task<IdempotencyClaim> ClaimIdempotencyKeyAsync(IdempotencyClaim claim, CancellationToken cancellationToken) => inner.ClaimIdempotencyKeyAsync(claim, cancellationToken);
        public Task<CasePage> ListByStatusAsync(string serviceId, string status, string? continuationToken, int pageSize, CancellationToken cancellationToken) => inner.ListByStatusAsync(serviceId, status, continuationToken, pageSize, cancellationToken);
        public Task<CasePage> ListBreachingSlaAsync(DateTimeOffset now, string? continuationToken, int pageSize, CancellationToken cancellationToken) => inner.ListBreachingSlaAsync(now, continuationToken, pageSize, cancellationToken);
        public Task<CasePage> SearchAsync(CaseSearch search, string? continuationToken, int pageSize, CancellationToken cancellationToken) => inner.SearchAsync(search, continuationToken, pageSize, cancellationToken);
        public Task<IReadOnlyList<CaseRecord>> ListStaleSubmittedAsync(DateTimeOffset before, int max, CancellationToken cancellationToken) => inner.ListStaleSubmittedAsync(before, max, cancellationToken);
        public Task<IReadOnlyList<CaseRecord>> ListDueForRedactionAsync(DateTimeOffset now, DateTimeOffset submittedBefore, int max, CancellationToken cancellationToken) => inner.ListDueForRedactionAsync(now, submittedBefore, max, cancellationToken);
        public Task<int> DeleteExpiredIdempotencyClaimsAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) => inner.DeleteExpiredIdempotencyClaimsAsync(now, max, cancellationToken);
        public Task<IReadOnlyDictionary<string, int>> CountWithDepartmentsAsync(CancellationToken cancellationToken) => inner.CountWithDepartmentsAsync(cancellationToken);
    }
}
