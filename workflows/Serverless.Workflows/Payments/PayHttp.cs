using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Serverless.Workflows.Configuration;

namespace Serverless.Workflows.Payments;

/// <summary>
/// The Pay adapter's HttpClient: base address from <c>Platforms:PayBaseUrl</c> (or the mode's default), and retries
/// with exponential backoff and jitter on 429 (Pay's 15 POST/s limit), 5xx and failed connections, honouring
/// Retry-After. A 4xx validation error is never retried. Retrying a POST is safe: a create carries an Idempotency-Key
/// and a refund carries <c>refund_amount_available</c>.
/// </summary>
public static class PayHttp
{
    public const int MaxRetries = 6;

    public static IServiceCollection AddGovUkPay(this IServiceCollection services)
    {
        services.TryAddSingleton<PayTimings>();
        services.AddHttpClient<GovUkPayGateway>((sp, client) =>
            {
                client.BaseAddress = sp.GetRequiredService<IOptions<PlatformOptions>>().Value
                    .PayApi(sp.GetRequiredService<IOptions<JourneyOptions>>().Value);
            })
            .AddResilienceHandler("pay", pipeline =>
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(200),
                    ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                });
                pipeline.AddTimeout(TimeSpan.FromSeconds(10));
            });
        services.AddTransient<IPaymentGateway>(sp => sp.GetRequiredService<GovUkPayGateway>());
        return services;
    }

    /// <summary>Worth another try: throttled, Pay's own failure, or no answer at all. Never a 4xx validation error.</summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or Polly.Timeout.TimeoutRejectedException } => true,
        { Result: { } response } => response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500,
        _ => false,
    };
}
