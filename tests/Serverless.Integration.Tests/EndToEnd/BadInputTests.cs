using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Payments;

namespace Serverless.Integration.Tests.EndToEnd;

/// <summary>Bad input on every endpoint gets a 4xx with RFC 9457 problem+json, and changes nothing.</summary>
[Collection(SelfHostCollection.Name)]
public sealed class BadInputTests(SelfHostFixture host)
{
    private const string BlueBadge = "blue-badge";
    private string Applications => $"api/v1/services/{BlueBadge}/applications";

    [Fact]
    public async Task Frontend_without_an_api_key_is_unauthorised()
    {
        using var client = new HttpClient { BaseAddress = host.BaseUrl };
        using var response = await client.GetAsync("api/v1/services");
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Application_without_an_identity_token_is_unauthorised() =>
        await AssertProblemAsync(await host.SendAsync(HttpMethod.Post, Applications, token: null, ExampleApplications.For(BlueBadge)), HttpStatusCode.Unauthorized);

    [Fact]
    public async Task Application_with_a_forged_identity_token_is_unauthorised()
    {
        var token = await host.CitizenTokenAsync("citizen", "P2");
        var forged = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        await AssertProblemAsync(await host.SendAsync(HttpMethod.Post, Applications, forged, ExampleApplications.For(BlueBadge)), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Application_that_is_not_json_is_a_bad_request()
    {
        var token = await host.CitizenTokenAsync("citizen", "P2");
        using var request = new HttpRequestMessage(HttpMethod.Post, Applications) { Content = new StringContent("{not json", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", token);
        await AssertProblemAsync(await host.Http.SendAsync(request), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Application_that_breaks_the_schema_is_unprocessable()
    {
        var token = await host.CitizenTokenAsync("citizen", "P2");
        var application = ExampleApplications.For(BlueBadge);
        application["address"]!["postcode"] = "NOT A POSTCODE";
        var problem = await AssertProblemAsync(await host.SendAsync(HttpMethod.Post, Applications, token, application), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("/address/postcode", (string?)problem["errors"]![0]!["pointer"]);
    }

    [Fact]
    public async Task Application_to_an_unknown_service_is_not_found()
    {
        var token = await host.CitizenTokenAsync("citizen", "P2");
        await AssertProblemAsync(await host.SendAsync(HttpMethod.Post, "api/v1/services/no-such-service/applications", token, new JsonObject()), HttpStatusCode.NotFound);
        await AssertProblemAsync(await host.SendAsync(HttpMethod.Get, "api/v1/services/no-such-service", token), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Reused_idempotency_key_with_another_body_is_a_conflict()
    {
        var token = await host.CitizenTokenAsync("citizen-idem", "P2");
        var key = Guid.NewGuid().ToString();
        using var first = await host.SendAsync(HttpMethod.Post, Applications, token, ExampleApplications.For(BlueBadge), key);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        using var same = await host.SendAsync(HttpMethod.Post, Applications, token, ExampleApplications.For(BlueBadge), key);
        Assert.Equal((string?)(await first.Content.ReadFromJsonAsync<JsonObject>())!["case_id"], (string?)(await same.Content.ReadFromJsonAsync<JsonObject>())!["case_id"]);
        Assert.Equal(first.Headers.Location, same.Headers.Location);

        var changed = ExampleApplications.For(BlueBadge);
        changed["contact"]!["email"] = "someone.else@example.com";
        await AssertProblemAsync(await host.SendAsync(HttpMethod.Post, Applications, token, changed, key), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Status_of_an_unknown_or_someone_elses_case_is_not_found()
    {
        var owner = await host.CitizenTokenAsync("owner", "P2");
        var stranger = await host.CitizenTokenAsync("stranger", "P2");
        using var submitted = await host.SendAsync(HttpMethod.Post, Applications, owner, ExampleApplications.For(BlueBadge));
        var location = submitted.Headers.Location!.ToString().TrimStart('/');

        await AssertProblemAsync(await host.SendAsync(HttpMethod.Get, "api/v1/applications/case-unknown", owner), HttpStatusCode.NotFound);
        await AssertProblemAsync(await host.SendAsync(HttpMethod.Get, location, stranger), HttpStatusCode.NotFound);
        await AssertProblemAsync(await host.SendAsync(HttpMethod.Get, location, token: null), HttpStatusCode.Unauthorized);
        using var own = await host.SendAsync(HttpMethod.Get, location, owner);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.DoesNotContain("Hopper", await own.Content.ReadAsStringAsync(), StringComparison.Ordinal); // No application data in the status.
    }

    [Fact]
    public async Task Information_for_a_case_not_waiting_for_it_is_a_conflict_and_a_bad_answer_is_refused()
    {
        var token = await host.CitizenTokenAsync("citizen-info", "P2");
        using var submitted = await host.SendAsync(HttpMethod.Post, Applications, token, ExampleApplications.For(BlueBadge));
        var information = submitted.Headers.Location!.ToString().TrimStart('/') + "/information";

        await AssertProblemAsync(await host.SendAsync(HttpMethod.Post, information, token, new JsonObject { ["response"] = "Early answer" }), HttpStatusCode.Conflict);
        await AssertProblemAsync(await host.SendAsync(HttpMethod.Post, information, token, new JsonObject { ["response"] = 42 }), HttpStatusCode.UnprocessableEntity);
        await AssertProblemAsync(await host.SendAsync(HttpMethod.Post, information, token, new JsonArray()), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Pay_webhook_with_a_bad_signature_is_unauthorised_and_a_malformed_one_is_a_bad_request()
    {
        using var unsigned = new HttpRequestMessage(HttpMethod.Post, "api/v1/webhooks/pay") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        unsigned.Headers.Add(PayWebhookSignature.Header, "deadbeef");
        await AssertProblemAsync(await host.Http.SendAsync(unsigned), HttpStatusCode.Unauthorized);

        const string body = "{\"resource_type\":\"payment\"}";
        using var malformed = new HttpRequestMessage(HttpMethod.Post, "api/v1/webhooks/pay") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        malformed.Headers.Add(PayWebhookSignature.Header, PayWebhookSignature.Sign(Encoding.UTF8.GetBytes(body), "local-sandbox-pay-webhook-secret-environment-agency"));
        await AssertProblemAsync(await host.Http.SendAsync(malformed), HttpStatusCode.BadRequest);
    }

    internal static async Task<JsonObject> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            Assert.Equal(expected, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal((int)expected, (int)problem["status"]!);
            Assert.False(string.IsNullOrEmpty((string?)problem["detail"]));
            return problem;
        }
    }
}
