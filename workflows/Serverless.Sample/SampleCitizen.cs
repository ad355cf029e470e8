using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Serverless.Sample;

/// <summary>
/// A citizen using a service frontend: signs in (the identity sandbox mints the core identity JWT One Login would give
/// the frontend), applies with that token and the session's subject, pays, and follows the case.
/// </summary>
public sealed class SampleCitizen(HttpClient http, string subject)
{
    public string? Token { get; private set; }

    public async Task SignInAsync(string level, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("api/sandbox/identity/tokens", new { subject, level }, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        Token = (string?)(await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken).ConfigureAwait(false))!["token"];
    }

    public async Task<JsonObject> ApplyAsync(string serviceId, JsonObject application, CancellationToken cancellationToken)
    {
        using var request = Authorised(HttpMethod.Post, $"api/v1/services/{serviceId}/applications");
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        request.Content = JsonContent.Create(application);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken).ConfigureAwait(false))!;
        return response.IsSuccessStatusCode ? body : throw new InvalidOperationException($"Application refused: {body.ToJsonString()}");
    }

    public async Task<JsonObject> ReadCaseAsync(string caseId, CancellationToken cancellationToken)
    {
        using var request = Authorised(HttpMethod.Get, $"api/v1/applications/{caseId}");
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Pays on the Pay sandbox's hosted page (the payment's next_url), which sends Pay's signed webhook.</summary>
    public async Task PayAsync(Uri nextUrl, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(new Uri(nextUrl + "/complete?outcome=success"), null, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    public async Task<JsonArray> NotificationsAsync(string caseId, CancellationToken cancellationToken) =>
        (await http.GetFromJsonAsync<JsonObject>($"api/sandbox/notify/messages?case_id={caseId}", cancellationToken).ConfigureAwait(false))!["messages"]!.AsArray();

    private HttpRequestMessage Authorised(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        request.Headers.Add("Citizen-Subject", subject); // The frontend's One Login session subject.
        return request;
    }
}
