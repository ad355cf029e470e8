using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Payments;

namespace Serverless.Workflows.Tests.Payments;

/// <summary>The live Pay adapter with its resilience handler, over a scripted HTTP handler: what is retried and what is not.</summary>
public sealed class GovUkPayGatewayTests
{
    private const string Account = "environment-agency";

    private static readonly PaymentRequest Request = new(
        3300, "REF-1", "Rod fishing licence", new Uri("https://example.gov.uk/return"), "case-1", "case-1:payment", "rod-fishing-licence", 2);

    private const string Created = """
        {"payment_id":"p1","amount":3300,"state":{"status":"created","finished":false},"created_date":"2026-12-03T10:00:00.000Z",
         "_links":{"next_url":{"href":"https://pay.example/secure/p1","method":"GET"}}}
        """;

    [Fact]
    public async Task A_5xx_is_retried_with_the_same_idempotency_key()
    {
        var pay = new ScriptedPay((HttpStatusCode.ServiceUnavailable, """{"code":"P0999","description":"Down"}"""), (HttpStatusCode.Created, Created));

        var created = await Gateway(pay).CreatePaymentAsync(Account, Request, default);

        Assert.Equal("p1", created.PaymentId);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 11, 30, 0, TimeSpan.Zero), created.ExpiresAt);
        Assert.Equal(2, pay.Requests.Count);
        Assert.Single(pay.Requests.Select(r => r.IdempotencyKey).Distinct());
        Assert.Matches("^[a-zA-Z0-9-]+$", pay.Requests[0].IdempotencyKey);
        Assert.Equal("Bearer pay-key", pay.Requests[0].Authorization);
    }

    [Fact]
    public async Task A_4xx_validation_error_is_never_retried()
    {
        var pay = new ScriptedPay((HttpStatusCode.UnprocessableEntity, """{"code":"P0102","description":"Invalid attribute value: amount"}"""), (HttpStatusCode.Created, Created));

        var refused = await Assert.ThrowsAsync<PayApiException>(() => Gateway(pay).CreatePaymentAsync(Account, Request, default));

        Assert.Equal("P0102", refused.Code);
        Assert.Single(pay.Requests);
    }

    [Fact]
    public async Task A_refund_Pay_refuses_as_already_made_returns_the_refund_already_made()
    {
        var pay = new ScriptedPay(
            (HttpStatusCode.OK, """{"payment_id":"p1","amount":3300,"state":{"status":"success","finished":true},"refund_summary":{"status":"available","amount_available":3300,"amount_submitted":0}}"""),
            (HttpStatusCode.PreconditionFailed, ""),
            (HttpStatusCode.OK, """{"payment_id":"p1","_embedded":{"refunds":[{"refund_id":"r1","amount":3300,"status":"success"}]}}"""));

        var refund = await Gateway(pay).RefundAsync(Account, "p1", 3300, "case-1:refund", default);

        Assert.Equal(new RefundState("r1", "success"), refund);
        Assert.Equal(["GET", "POST", "GET"], pay.Requests.Select(r => r.Method));
        Assert.Contains("\"refund_amount_available\":3300", pay.Requests[1].Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("success", true, null, PaymentOutcomes.Succeeded)]
    [InlineData("failed", true, "P0010", PaymentOutcomes.Failed)]
    [InlineData("failed", true, "P0020", PaymentOutcomes.Expired)]
    [InlineData("failed", true, "P0030", PaymentOutcomes.Failed)]
    [InlineData("cancelled", true, "P0040", PaymentOutcomes.Failed)]
    [InlineData("error", true, "P0050", PaymentOutcomes.Failed)]
    [InlineData("started", false, null, null)]
    public async Task Pays_state_maps_onto_the_journeys_payment_outcome(string status, bool finished, string? code, string? outcome)
    {
        var state = $$"""{"status":"{{status}}","finished":{{(finished ? "true" : "false")}}{{(code is null ? "" : $",\"code\":\"{code}\"")}}}""";
        var pay = new ScriptedPay((HttpStatusCode.OK, $$"""{"payment_id":"p1","amount":3300,"state":{{state}}}"""));

        var payment = await Gateway(pay).GetPaymentAsync(Account, "p1", default);

        Assert.Equal(outcome, payment.Outcome);
        Assert.Equal("/v1/payments/p1", pay.Requests[0].Path);
    }

    [Theory]
    [InlineData("""{"language":"cy"}""", "cy")]
    [InlineData("""{"language":"en"}""", "en")]
    [InlineData("""{"language":"fr"}""", "en")]
    [InlineData("""{}""", "en")]
    public void The_payment_page_speaks_the_applications_language_or_English(string application, string expected)
    {
        Assert.Equal(expected, PaymentLanguages.Of(System.Text.Json.Nodes.JsonNode.Parse(application)!.AsObject()));
    }

    private static IPaymentGateway Gateway(ScriptedPay pay)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Platforms:Mode"] = "live",
            ["Platforms:PayBaseUrl"] = "https://pay.example/",
            ["Platforms:Pay:Accounts:environment_agency:ApiKey"] = "pay-key",
        }).Build();
        var services = new ServiceCollection();
        services.AddOptions<PlatformOptions>().Bind(configuration.GetSection("Platforms"));
        services.AddOptions<JourneyOptions>();
        services.AddOptions<PlatformAccountsOptions>().Bind(configuration.GetSection(PlatformAccountsOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddGovUkPay();
        services.AddHttpClient<GovUkPayGateway>().ConfigurePrimaryHttpMessageHandler(() => pay);
        return services.BuildServiceProvider().GetRequiredService<IPaymentGateway>();
    }

    private sealed record Sent(string Method, string Path, string? IdempotencyKey, string? Authorization, string Body);

    /// <summary>Answers each request with the next scripted response, and keeps what was sent.</summary>
    private sealed class ScriptedPay(params (HttpStatusCode Status, string Body)[] script) : HttpMessageHandler
    {
        private int _next;

        public List<Sent> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(new Sent(request.Method.Method, request.RequestUri!.AbsolutePath,
                request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : null,
                request.Headers.Authorization?.ToString(),
                request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken)));
            var (status, body) = script[_next++];
            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }
    }
}
