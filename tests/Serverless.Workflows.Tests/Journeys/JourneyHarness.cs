using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Workflows.Applications;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Departments;
using Serverless.Workflows.Hosting;
using Serverless.Workflows.Identity;
using Serverless.Workflows.Journeys;
using Serverless.Workflows.Journeys.V1;
using Serverless.Workflows.Journeys.V2;
using Serverless.Workflows.Notifications;
using Serverless.Workflows.Payments;
using Serverless.Workflows.Telemetry;
using Serverless.Tests.Pay;
using Serverless.Workflows.Tests.Fakes;

namespace Serverless.Workflows.Tests.Journeys;

/// <summary>
/// The journey on the in-memory Durable engine, with the real activities, application handlers and sandboxes, and
/// in-memory stand-ins only for the case store and the department queues. Citizens, Pay and departments act through
/// the same handlers the hosts call.
/// </summary>
public sealed class JourneyHarness : IAsyncDisposable
{
    public const string PayAccount = "environment-agency";
    public const string PayApiKey = "test-pay-api-key";
    public const string WebhookSecret = "test-pay-webhook-secret";
    public const string OtherAccountWebhookSecret = "another-pay-webhook-secret";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly DurableTaskTestHost _host;
    private readonly PaySandboxServer _paySandbox;

    private JourneyHarness(DurableTaskTestHost host, PaySandboxServer paySandbox, string orchestrator)
    {
        _host = host;
        _paySandbox = paySandbox;
        Journeys = new DurableTaskJourneyClient(host.Client, orchestrator);
    }

    /// <summary>
    /// Short retry windows for every v2 step: tests must not wait for the production ones (tens of minutes), and the
    /// in-memory engine runs timers in real time.
    /// </summary>
    public static JourneyRetryPolicies FastRetries { get; } =
        JourneyRetryPolicies.Uniform(new Microsoft.DurableTask.RetryPolicy(2, TimeSpan.FromMilliseconds(50)));

    public DurableTaskClient Client => _host.Client;
    public IJourneyClient Journeys { get; }
    public IServiceProvider Services => _host.Services;
    public InMemoryCaseStore Cases => Get<InMemoryCaseStore>();
    public RecordingDepartmentQueues Queues => Get<RecordingDepartmentQueues>();
    public RecordingTelemetry Telemetry => Get<RecordingTelemetry>();
    public RecordingNotificationSender Notify => Get<RecordingNotificationSender>();
    /// <summary>The Pay sandbox's server side ("Pay"); the journey reaches it through the live adapter over HTTP.</summary>
    public PaySandbox Pay => Get<PaySandbox>();

    /// <summary>Every exchange between the live Pay adapter and the sandbox, for checks against Pay's OpenAPI document.</summary>
    public PayExchangeLog PayExchanges => Get<PayExchangeLog>();
    public SandboxIdentityProvider Identity => Get<SandboxIdentityProvider>();

    /// <param name="orchestrator">The version new journeys start on (<see cref="JourneyVersions"/>); every version is registered.</param>
    public static async Task<JourneyHarness> StartAsync(
        string orchestrator, IDefinitionCatalog catalog, TimeProvider? clock = null, TimeSpan? paymentLifetime = null,
        Action<IServiceCollection>? overrides = null, JourneyRetryPolicies? retries = null)
    {
        Assert.Equal([JourneyVersions.V1, JourneyVersions.V2], JourneyVersions.Orchestrators.Keys);
        DurableTaskTestHost? started = null;
        var paySandbox = await PaySandboxServer.StartAsync(() => started!.Services);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Platforms:Mode"] = PlatformOptions.SandboxMode,
            ["Platforms:PayBaseUrl"] = paySandbox.PayBaseUrl.ToString(),
            [$"Platforms:Pay:Accounts:{PayAccount}:ApiKey"] = PayApiKey,
            [$"Platforms:Pay:Accounts:{PayAccount}:WebhookSigningSecret"] = WebhookSecret,
            ["Platforms:Pay:Accounts:another-department:ApiKey"] = "another-pay-api-key",
            ["Platforms:Pay:Accounts:another-department:WebhookSigningSecret"] = OtherAccountWebhookSecret,
            ["Platforms:IdentitySandboxSigningKey"] = "test-identity-sandbox-signing-key-0123456789",
            // Notify's secrets, which startup demands in every mode; the sends themselves are recorded, not made.
            ["Platforms:Notify:CallbackBearerToken"] = "test-notify-callback-token",
            ["Platforms:Notify:Accounts:environment-agency:ApiKey"] = "test-notify-api-key",
            ["Platforms:Notify:Accounts:local-council-blue-badge:ApiKey"] = "test-notify-api-key",
            ["DepartmentQueues"] = "UseDevelopmentStorage=true",
        }).Build();

        var host = await DurableTaskTestHost.StartAsync(registry =>
        {
            // The registry builds orchestrators without the host's services: v2 gets the short retry windows here.
            registry.AddOrchestrator(JourneyVersions.V1, () => new ServiceJourneyV1());
            registry.AddOrchestrator(JourneyVersions.V2, () => new ServiceJourneyV2(retries ?? FastRetries));
            foreach (var activity in WorkflowServices.Activities)
                registry.AddActivity(activity);
        }, new DurableTaskTestHostOptions
        {
            // Left to itself the host picks a random port from 30000-40000, and concurrent tests then collide now and
            // again ("address already in use"); a port the OS hands out is free.
            Port = LoopbackPorts.Free(),
            LoggerFactory = NullLoggerFactory.Instance,
            ConfigureServices = services =>
            {
                services.AddLogging();
                services.AddServerlessWorkflows(configuration);
                services.AddSingleton(catalog);
                if (clock is not null)
                    services.AddSingleton(clock);
                services.AddSingleton<ISandboxPaymentLedger, InMemorySandboxPaymentLedger>();
                services.RecordPayExchanges(new PayExchangeLog());
                if (paymentLifetime is { } lifetime)
                    services.AddSingleton(new PayTimings { PaymentLifetime = lifetime });
                services.AddSingleton<InMemoryCaseStore>();
                services.AddSingleton<ICaseStore>(sp => sp.GetRequiredService<InMemoryCaseStore>());
                services.AddSingleton<RecordingDepartmentQueues>();
                services.AddSingleton<IDepartmentQueues>(sp => sp.GetRequiredService<RecordingDepartmentQueues>());
                // No HTTP here: the One Login adapter fetches the identity sandbox's published key from the sandbox itself.
                services.AddHttpClient(IdentityKeySet.HttpClientName)
                    .ConfigurePrimaryHttpMessageHandler(sp => new SandboxKeysHandler(sp.GetRequiredService<SandboxIdentityProvider>()));
                services.AddSingleton<RecordingNotificationSender>();
                services.AddSingleton<INotificationSender>(sp => sp.GetRequiredService<RecordingNotificationSender>());
                services.AddSingleton<RecordingTelemetry>();
                services.AddSingleton<IJourneyTelemetry>(sp => sp.GetRequiredService<RecordingTelemetry>());
                services.AddSingleton(retries ?? FastRetries);
                overrides?.Invoke(services);
            },
        });
        started = host;
        return new JourneyHarness(host, paySandbox, orchestrator);
    }

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>A citizen submits through the real handler; returns the HTTP status and the case id (if accepted).</summary>
    public async Task<(int Status, string? CaseId, JsonObject Body)> SubmitAsync(
        string serviceId, JsonObject application, string level = "P2", string subject = "citizen-1", string? idempotencyKey = null)
    {
        var context = Request(application.ToJsonString(), Identity.Issue(subject, level));
        context.Request.Headers[CitizenAuthentication.SessionSubjectHeader] = subject;
        if (idempotencyKey is not null)
            context.Request.Headers[SubmitApplication.IdempotencyKeyHeader] = idempotencyKey;
        var result = await Get<SubmitApplication>().HandleAsync(context.Request, serviceId, Journeys, CancellationToken.None);
        var (status, body) = await ExecuteAsync(result, context);
        return (status, (string?)body["case_id"], body);
    }

    /// <summary>Pay reports the case's payment settled, through the webhook handler with a valid signature.</summary>
    public Task<int> TamperedPaymentWebhookAsync(string caseId) => PaymentWebhookAsync(caseId, PayEventTypes.Succeeded, tamper: true);

    /// <param name="secret">The signing secret: the payment's own account's unless a test signs with another's.</param>
    public async Task<int> PaymentWebhookAsync(string caseId, string eventType, bool tamper = false, string secret = WebhookSecret)
    {
        var record = await Cases.FindAsync(caseId, CancellationToken.None);
        var succeeded = PayEventTypes.Outcome(eventType) == PaymentOutcomes.Succeeded;
        var payment = tamper
            ? (await Pay.FindAsync(record!.Payment!.PaymentId, CancellationToken.None))!
            : (await Pay.SettleAsync(record!.Payment!.PaymentId, succeeded ? PayStatuses.Success : PayStatuses.Failed,
                succeeded ? null : PayCodes.Declined, CancellationToken.None))!;
        var body = JsonSerializer.Serialize(Pay.Webhook(payment, eventType), PayWebhookMessage.SerializerOptions);
        var context = Request(body, token: null);
        var signed = tamper ? body.Replace("\"payment\"", "\"refund\"", StringComparison.Ordinal) : body; // signs other bytes than it sends
        context.Request.Headers[PayWebhookSignature.Header] = PayWebhookSignature.Sign(Encoding.UTF8.GetBytes(signed), secret);
        var result = await Get<PayWebhookIntake>().HandleAsync(context.Request, Journeys, CancellationToken.None);
        return (await ExecuteAsync(result, context)).Status;
    }

    /// <summary>A department's decision arrives on the decisions queue.</summary>
    public async Task<DecisionIntakeResult> DecideAsync(string caseId, string outcome, string reason = "Checked against the rules.", string? department = null, string? decisionId = null)
    {
        department ??= (await Cases.FindAsync(caseId, CancellationToken.None))?.DepartmentId ?? "unknown";
        var message = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = decisionId ?? Guid.NewGuid().ToString(),
            ["source"] = "/departments/test",
            ["type"] = MessageTypes.Decision,
            ["subject"] = caseId,
            ["time"] = DateTime.UtcNow,
            ["datacontenttype"] = "application/json",
            ["data"] = new JsonObject { ["department_id"] = department, ["outcome"] = outcome, ["reason"] = reason },
        };
        return await Get<DecisionIntake>().HandleAsync(message.ToJsonString(), 1, Journeys, CancellationToken.None);
    }

    public async Task<int> AnswerAsync(string caseId, string response, string subject = "citizen-1")
    {
        var context = Request(new JsonObject { ["response"] = response }.ToJsonString(), Identity.Issue(subject, "P2"));
        var result = await Get<ProvideInformation>().HandleAsync(context.Request, caseId, Journeys, CancellationToken.None);
        return (await ExecuteAsync(result, context)).Status;
    }

    public Task<CaseRecord> WaitForCaseAsync(string caseId, Func<CaseRecord, bool> condition, string what) =>
        PollAsync(async () => await Cases.FindAsync(caseId, CancellationToken.None) is { } r && condition(r) ? r : null, $"case {caseId}: {what}");

    /// <summary>The citizen's notification for a milestone, once it has been sent.</summary>
    public Task<SentNotification> WaitForNotificationAsync(string caseId, string milestone) =>
        PollAsync(() => Task.FromResult(Notify.ForCase(caseId).FirstOrDefault(n => n.Message.Reference == $"{caseId}:{milestone}")),
            $"case {caseId}: the {milestone} notification");

    /// <summary>The first message of a type sent to the department about a case, once it has been sent.</summary>
    public Task<CloudEvent> WaitForMessageAsync(string caseId, string type) =>
        PollAsync(() => Task.FromResult(Queues.For(caseId).FirstOrDefault(m => m.Type == type)), $"case {caseId}: a {type} message");

    /// <summary>Polls until <paramref name="probe"/> finds something, or fails after a deadline: never a fixed sleep.</summary>
    private static async Task<T> PollAsync<T>(Func<Task<T?>> probe, string what) where T : class
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            if (await probe() is { } found)
                return found;
            if (deadline.IsCancellationRequested)
                throw new TimeoutException($"Never reached: {what}.");
            await Task.Delay(25, CancellationToken.None);
        }
    }

    /// <summary>
    /// A signal the host emits: steps record on the case first and signal after, so a test that saw the case change
    /// waits for the signal too.
    /// </summary>
    public Task<object> WaitForSignalAsync(string name, string? detail = null) =>
        PollAsync(() => Task.FromResult<object?>(Telemetry.Signals.Any(s => s.Name == name && (detail is null || s.Detail == detail)) ? name : null),
            $"signal {name} {detail}");

    public Task<CaseRecord> WaitForStatusAsync(string caseId, string status) => WaitForCaseAsync(caseId, c => c.Status == status, status);

    public async Task<OrchestrationMetadata> WaitForJourneyEndAsync(string caseId)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        return await Client.WaitForInstanceCompletionAsync(caseId, getInputsAndOutputs: true, deadline.Token);
    }

    private DefaultHttpContext Request(string body, string? token)
    {
        var context = new DefaultHttpContext { RequestServices = _host.Services };
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        context.Request.ContentType = "application/json";
        if (token is not null)
            context.Request.Headers.Authorization = "Bearer " + token;
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static async Task<(int Status, JsonObject Body)> ExecuteAsync(IResult result, DefaultHttpContext context)
    {
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return (context.Response.StatusCode, text.Length > 0 && JsonNode.Parse(text) is JsonObject o ? o : []);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _paySandbox.DisposeAsync();
    }
}

/// <summary>Answers the One Login adapter's key fetch with the identity sandbox's JWKS, in process.</summary>
internal sealed class SandboxKeysHandler(SandboxIdentityProvider sandbox) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(sandbox.Jwks().ToJsonString()) });
}

internal static class LoopbackPorts
{
    /// <summary>A port the OS reports free on loopback now.</summary>
    public static int Free()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
