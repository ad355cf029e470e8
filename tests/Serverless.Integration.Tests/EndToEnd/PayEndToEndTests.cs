using Microsoft.Extensions.Configuration;
using Serverless.Sample;
using Serverless.SelfHost;
using Serverless.Tests.Pay;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Departments;

namespace Serverless.Integration.Tests.EndToEnd;

/// <summary>
/// GOV.UK Pay through the live adapter against the self-host's own Pay sandbox, over HTTP: whole journeys whose every
/// Pay exchange and webhook is checked against Pay's OpenAPI document, and a host that refuses to start half-wired.
/// </summary>
[Collection(SelfHostCollection.Name)]
public sealed class PayEndToEndTests(SelfHostFixture host)
{
    private const string Fishing = "rod-fishing-licence";
    private const string BlueBadge = "blue-badge";

    [Fact]
    public async Task Paid_refunded_and_free_journeys_run_through_the_live_Pay_adapter_and_conform_to_Pays_OpenAPI()
    {
        var log = new PayExchangeLog();
        await RestartAsync(services => services.RecordPayExchanges(log));
        try
        {
            var citizen = new SampleCitizen(host.Http, "pay-e2e-" + Guid.NewGuid().ToString("N"));
            await citizen.SignInAsync("P2", Timeout());
            var paidCase = (string)(await citizen.ApplyAsync(Fishing, ExampleApplications.For(Fishing), Timeout()))["case_id"]!;
            var awaiting = await host.WaitForCaseAsync(paidCase, citizen.Token!, c => (string?)c["status"] == "awaiting_payment", "awaiting payment");
            await citizen.PayAsync(new Uri((string)awaiting["payment"]!["next_url"]!), Timeout());
            await host.WaitForCaseAsync(paidCase, citizen.Token!, c => (string?)c["status"] == "with_department", "paid and with the department");
            var fishing = host.Department("environment-agency", "environment-agency-cases");
            await fishing.ReceiveAsync(paidCase, MessageTypes.Submitted, TimeSpan.FromSeconds(30), Timeout());
            await fishing.DecideAsync(paidCase, DecisionOutcomes.Rejected, "Not eligible.", Timeout());
            await host.WaitForCaseAsync(paidCase, citizen.Token!, c => (string?)c["payment"]?["refund_status"] == "success", "refunded");

            var freeCase = (string)(await citizen.ApplyAsync(BlueBadge, ExampleApplications.For(BlueBadge), Timeout()))["case_id"]!;
            var free = await host.WaitForCaseAsync(freeCase, citizen.Token!, c => (string?)c["status"] == "with_department", "with the department");

            Assert.Null(free["payment"]);
            Assert.Contains(log.Exchanges, e => e is { Method: "POST", Path: "/v1/payments", Status: 201 });
            Assert.Contains(log.Exchanges, e => e.Method == "POST" && e.Path.EndsWith("/refunds", StringComparison.Ordinal) && e.Status == 200);
            Assert.Single(log.Webhooks);
            Assert.Equal([], log.Problems());
        }
        finally
        {
            await RestartAsync(null);
        }
    }

    [Theory]
    [InlineData("declined")]
    [InlineData("abandoned")]
    public async Task A_payment_declined_or_abandoned_on_the_sandbox_page_closes_the_case_unpaid(string outcome)
    {
        var citizen = new SampleCitizen(host.Http, "pay-e2e-" + Guid.NewGuid().ToString("N"));
        await citizen.SignInAsync("P2", Timeout());
        var caseId = (string)(await citizen.ApplyAsync(Fishing, ExampleApplications.For(Fishing), Timeout()))["case_id"]!;
        var awaiting = await host.WaitForCaseAsync(caseId, citizen.Token!, c => (string?)c["status"] == "awaiting_payment", "awaiting payment");

        using var page = await host.Http.PostAsync(new Uri((string)awaiting["payment"]!["next_url"]! + $"/complete?outcome={outcome}"), null);
        page.EnsureSuccessStatusCode();

        var closed = await host.WaitForCaseAsync(caseId, citizen.Token!, c => (string?)c["status"] == "closed", "closed");
        Assert.Equal("failed", (string?)closed["payment"]!["status"]);
    }

    public static TheoryData<string, string, string?, string> RefusedStarts => new()
    {
        { "sandbox", "Platforms:Mode", "", "Platforms__Mode must be 'live' or 'sandbox'" },
        { "sandbox", "Platforms:Pay:Accounts:environment_agency:ApiKey", "", "Platforms__Pay__Accounts__environment_agency__ApiKey is missing or empty" },
        { "sandbox", "Platforms:Pay:Accounts:environment_agency:WebhookSigningSecret", "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/pay-webhook-secret-environment-agency)",
            "Platforms__Pay__Accounts__environment_agency__WebhookSigningSecret is an unresolved Key Vault reference" },
        { "sandbox", "Platforms:IdentitySandboxSigningKey", "", "Platforms__IdentitySandboxSigningKey is missing or empty" },
        // Notify's secrets in either mode: the Notify sandbox checks keys and sends the callback token too.
        { "sandbox", "Platforms:Notify:Accounts:environment_agency:ApiKey", "", "Platforms__Notify__Accounts__environment_agency__ApiKey is missing or empty" },
        { "sandbox", "Platforms:Notify:CallbackBearerToken", "", "Platforms__Notify__CallbackBearerToken is missing or empty" },
        { "live", "Platforms:Notify:CallbackBearerToken", "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/Platforms--Notify--CallbackBearerToken)",
            "Platforms__Notify__CallbackBearerToken is an unresolved Key Vault reference" },
        // Live mode: a sandbox left on, or One Login not set.
        { "live", "Platforms:PayBaseUrl", "https://example.gov.uk/api/sandbox/pay/", "Platforms__PayBaseUrl points at a sandbox" },
        { "live", "Platforms:Notify:BaseUrl", "https://example.gov.uk/api/sandbox/notify/", "Platforms__Notify__BaseUrl points at a sandbox" },
        { "live", "Platforms:Identity:Issuer", "https://identity.sandbox.serverless.local", "Platforms__Identity__Issuer points at a sandbox" },
        { "live", "Platforms:Identity:Audience", "", "Platforms__Identity__Audience is missing or empty" },
        { "live", "Platforms:Identity:KeysUrl", "http://identity.account.gov.uk/.well-known/did.json", "Platforms__Identity__KeysUrl points at a sandbox or is not HTTPS" },
    };

    [Theory]
    [MemberData(nameof(RefusedStarts))]
    public async Task The_self_host_refuses_to_start_naming_the_setting(string mode, string key, string? value, string expected)
    {
        await using var app = SelfHostApp.Build([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["SelfHost:TaskHubName"] = "refused" + Guid.NewGuid().ToString("N")[..8],
            ["Platforms:Mode"] = mode,
            [key] = value,
        }));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    private async Task RestartAsync(Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? overrides)
    {
        await host.StopAsync();
        host.Overrides = overrides;
        await host.StartAsync();
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token;
}
