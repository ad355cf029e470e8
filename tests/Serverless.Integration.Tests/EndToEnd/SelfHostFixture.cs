using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Sample;
using Serverless.SelfHost;
using Serverless.SelfHost.Endpoints;

namespace Serverless.Integration.Tests.EndToEnd;

/// <summary>
/// The self-host on the real emulators (Azurite and the Cosmos-compatible server), on a free local port, with its own
/// task hub and case database so runs never see each other's state. It can be stopped and started again mid-journey.
/// </summary>
public sealed class SelfHostFixture : IAsyncLifetime
{
    public const string FrontendKey = "e2e-frontend-key";
    public const string PlatformOperatorKey = "e2e-ops-platform-key";
    public const string BlueBadgeOperatorKey = "e2e-ops-blue-badge-key";
    public const string OtherDepartmentOperatorKey = "e2e-ops-other-department-key";
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..10];
    private WebApplication? _app;

    public SelfHostFixture()
    {
        Port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{Port}/");
        Http = new HttpClient { BaseAddress = BaseUrl };
        Http.DefaultRequestHeaders.Add(FrontendApiKeyFilter.Header, FrontendKey);
        Queues = new QueueServiceClient("UseDevelopmentStorage=true", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
    }

    public int Port { get; }
    public Uri BaseUrl { get; }
    public HttpClient Http { get; }
    public QueueServiceClient Queues { get; }
    public string TaskHubName => "e2e" + _suffix;
    public string DatabaseName => "e2e-" + _suffix;
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The self-host is not running.");

    /// <summary>Extra services for the next start (a test injects a fault, then restarts without it).</summary>
    public Action<IServiceCollection>? Overrides { get; set; }

    /// <summary>Extra settings for the next start.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    public SampleDepartment Department(string departmentId, string queue) => new(Queues, departmentId, queue);

    public async Task StartAsync()
    {
        _app = SelfHostApp.Build([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = BaseUrl.ToString().TrimEnd('/'),
            ["Journeys:PublicBaseUrl"] = BaseUrl.ToString(),
            ["Journeys:OrphanAge"] = "00:00:02",
            ["CaseStore:DatabaseName"] = DatabaseName,
            ["CaseStore:CreateIfNotExists"] = "true",
            ["SelfHost:TaskHubName"] = TaskHubName,
            ["SelfHost:SweepInterval"] = "00:00:01",
            ["SelfHost:FrontendApiKeys:e2e"] = FrontendKey,
            ["SelfHost:Operators:e2e-platform:Key"] = PlatformOperatorKey,
            ["SelfHost:Operators:e2e-platform:Role"] = "ops.platform",
            ["SelfHost:Operators:e2e-blue-badge:Key"] = BlueBadgeOperatorKey,
            ["SelfHost:Operators:e2e-blue-badge:Role"] = "ops.department",
            ["SelfHost:Operators:e2e-blue-badge:DepartmentId"] = "local-council-blue-badge",
            ["SelfHost:Operators:e2e-other:Key"] = OtherDepartmentOperatorKey,
            ["SelfHost:Operators:e2e-other:Role"] = "ops.department",
            ["SelfHost:Operators:e2e-other:DepartmentId"] = "some-other-department",
            ["Logging:LogLevel:Default"] = "Warning",
        }).AddInMemoryCollection(Settings), services =>
        {
            // Observes (never changes) every exchange with the Notify sandbox, for the conformance tests.
            services.AddTransient<NotifyExchangeRecorder>();
            services.AddHttpClient(Serverless.Workflows.Notifications.GovukNotifySender.HttpClientName).AddHttpMessageHandler<NotifyExchangeRecorder>();
            services.AddHttpClient(Serverless.Workflows.Notifications.Sandbox.NotifySandboxReceipts.HttpClientName).AddHttpMessageHandler<NotifyExchangeRecorder>();
            Overrides?.Invoke(services);
        });
        await _app.StartAsync();
    }

    public async Task StopAsync()
    {
        if (_app is null)
            return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    public async Task<string> CitizenTokenAsync(string subject, string level)
    {
        var citizen = new SampleCitizen(Http, subject);
        await citizen.SignInAsync(level, default);
        return citizen.Token!;
    }

    /// <summary>Signs the request in as a frontend does: the identity token, and its session's subject beside it.</summary>
    public static void AsCitizen(HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        // Here the session is the token's own subject.
        if (new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CanReadToken(token))
            request.Headers.Add("Citizen-Subject", new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).Subject);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, JsonNode? body = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
            AsCitizen(request, token);
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        return await Http.SendAsync(request);
    }

    /// <summary>Reads the citizen's case until <paramref name="condition"/> holds, or fails after a deadline.</summary>
    public async Task<JsonObject> WaitForCaseAsync(string caseId, string token, Func<JsonObject, bool> condition, string what, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        JsonObject? last = null;
        while (!deadline.IsCancellationRequested)
        {
            using var response = await SendAsync(HttpMethod.Get, $"api/v1/applications/{caseId}", token);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                last = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
                if (condition(last))
                    return last;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Case {caseId} never reached: {what}. Last seen: {last?.ToJsonString()}");
    }

    /// <summary>The case an Idempotency-Key claimed, read from the case store (for tests where the API call failed).</summary>
    public async Task<string> FindCaseIdByKeyAsync(string serviceId, string key)
    {
        var store = Services.GetRequiredService<Serverless.Workflows.Cases.ICaseStore>();
        var claim = await store.ClaimIdempotencyKeyAsync(new Serverless.Workflows.Cases.IdempotencyClaim(serviceId, key, "none", "none"), default);
        return claim.CaseId;
    }

    public async Task InitializeAsync()
    {
        // Poison tests look for their own message among what is there: start from an empty poison queue.
        var poison = Queues.GetQueueClient(Serverless.Workflows.Configuration.QueueNames.PoisonOf(Serverless.Workflows.Configuration.QueueNames.Decisions));
        await poison.CreateIfNotExistsAsync();
        await poison.ClearMessagesAsync();
        await StartAsync();
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        Http.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Every test that runs a self-host shares the one decisions queue, so they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class SelfHostCollection : ICollectionFixture<SelfHostFixture>
{
    public const string Name = "self-host";
}
