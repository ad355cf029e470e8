using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace Serverless.Tests.Pay;

/// <summary>One HTTP exchange with Pay's API, with the path as Pay's (<c>/v1/…</c>).</summary>
public sealed record PayExchange(
    string Method, string Path, IReadOnlyDictionary<string, string> RequestHeaders, string? RequestBody, int Status, string? ResponseBody);

/// <summary>What went over the wire between the Pay adapter and Pay (here the sandbox), and the sandbox's webhooks.</summary>
public sealed class PayExchangeLog
{
    internal readonly ConcurrentQueue<PayExchange> Recorded = new();
    internal readonly ConcurrentQueue<string> RecordedWebhooks = new();

    public IReadOnlyList<PayExchange> Exchanges => [.. Recorded];

    public IReadOnlyList<string> Webhooks => [.. RecordedWebhooks];

    /// <summary>Every problem with every exchange and webhook so far, against Pay's OpenAPI document.</summary>
    public IReadOnlyList<string> Problems() =>
        [.. Exchanges.SelectMany(PayOpenApi.Document.Check), .. Webhooks.SelectMany(PayOpenApi.Document.CheckWebhook)];
}

/// <summary>
/// Records into a <see cref="PayExchangeLog"/> each attempt on its own (it sits inside the resilience handler), so
/// tests can check every exchange against Pay's OpenAPI document. One per handler chain, as HttpClientFactory needs.
/// </summary>
public sealed class PayExchangeRecorder(PayExchangeLog log) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var requestBody = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        if (path.EndsWith("/webhooks/pay", StringComparison.Ordinal))
        {
            log.RecordedWebhooks.Enqueue(requestBody!);
            return response;
        }
        var v1 = path.IndexOf("/v1/", StringComparison.Ordinal);
        if (v1 < 0)
            return response; // a sandbox-only control, not Pay's API
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var responseBody = await response.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.Where(h => h.Key == "Idempotency-Key").ToDictionary(h => h.Key, h => string.Join(",", h.Value));
        log.Recorded.Enqueue(new PayExchange(request.Method.Method, path[v1..], headers, requestBody, (int)response.StatusCode, responseBody));
        return response;
    }
}

/// <summary>Puts a recorder on the Pay adapter's client and on the Pay sandbox's webhook client.</summary>
public static class PayExchangeRecording
{
    public static IServiceCollection RecordPayExchanges(this IServiceCollection services, PayExchangeLog log)
    {
        services.AddSingleton(log);
        services.AddHttpClient<Serverless.Workflows.Payments.GovUkPayGateway>().AddHttpMessageHandler(() => new PayExchangeRecorder(log));
        services.AddHttpClient(Serverless.Workflows.Payments.PaySandbox.WebhookClient).AddHttpMessageHandler(() => new PayExchangeRecorder(log));
        return services;
    }
}
