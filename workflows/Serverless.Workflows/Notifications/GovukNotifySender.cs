using System.Net.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Notify.Client;
using Notify.Exceptions;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Definitions;

namespace Serverless.Workflows.Notifications;

/// <summary>
/// GOV.UK Notify through its official client, with each department's own API key (<c>accounts.notify</c>). The base URL is
/// a setting, so locally this same code talks to the Notify sandbox. 429, 5xx and network failures are retried here with
/// backoff; before each retry Notify is asked by reference whether the failed attempt got through, so a retry never
/// sends twice. Any other 4xx is refused for good (<see cref="NotificationRejectedException"/>).
/// </summary>
public sealed partial class GovukNotifySender(
    IHttpClientFactory http, IOptions<NotifyOptions> options, IOptions<PlatformAccountsOptions> accounts, IOptions<PlatformOptions> platform, IOptions<JourneyOptions> journeys, TimeProvider clock, ILogger<GovukNotifySender> log) : INotificationSender
{
    public const string HttpClientName = "govuk-notify";
    private const int Attempts = 3;
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(500);

    public async Task<string> SendAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SendOnceAsync(message).ConfigureAwait(false);
            }
            catch (Exception failure) when (failure is NotifyClientException or AggregateException or HttpRequestException)
            {
                if (!NotifyFailure.IsTransient(failure))
                {
                    var rejected = (NotifyClientException)failure;
                    throw new NotificationRejectedException(NotifyFailure.StatusCode(rejected) ?? 400, NotifyFailure.ErrorType(rejected));
                }
                if (attempt == Attempts)
                    throw;
                LogRetry(log, message.Reference, attempt, failure.GetType().Name);
                await Task.Delay(FirstBackoff * Math.Pow(2, attempt - 1) * (1 + Random.Shared.NextDouble() / 2), clock, cancellationToken).ConfigureAwait(false);
                // A 5xx or a lost response may hide a message Notify did accept.
                if (await FindSentAsync(message.Account, message.Reference, cancellationToken).ConfigureAwait(false) is { } id)
                    return id;
            }
        }
    }

    public async Task<string?> FindSentAsync(string account, string reference, CancellationToken cancellationToken)
    {
        using var wrapper = new HttpClientWrapper(http.CreateClient(HttpClientName));
        var found = await Client(account, wrapper).GetNotificationsAsync(reference: reference).ConfigureAwait(false);
        return found.notifications?.FirstOrDefault(n => n.reference == reference)?.id;
    }

    private async Task<string> SendOnceAsync(NotificationMessage message)
    {
        using var wrapper = new HttpClientWrapper(http.CreateClient(HttpClientName));
        var client = Client(message.Account, wrapper);
        var personalisation = message.Personalisation.ToDictionary(p => p.Key, p => (dynamic)p.Value);
        return message.Channel switch
        {
            NotificationChannels.Email => (await client.SendEmailAsync(message.Recipient, message.TemplateId, personalisation, message.Reference).ConfigureAwait(false)).id,
            NotificationChannels.Sms => (await client.SendSmsAsync(message.Recipient, message.TemplateId, personalisation, message.Reference).ConfigureAwait(false)).id,
            _ => throw new NotificationRejectedException(400, "UnsupportedChannel"),
        };
    }

    /// <summary>A client per call over a pooled handler: the client sets its headers on the HttpClient it is given.</summary>
    private NotificationClient Client(string account, HttpClientWrapper wrapper)
    {
        var client = new NotificationClient(wrapper, ApiKeyOf(account));
        // The constructor points the client at Notify itself; the setting decides (the sandbox locally).
        wrapper.BaseAddress = options.Value.ResolveBaseUrl(platform.Value.Mode == PlatformOptions.SandboxMode, journeys.Value.PublicBaseUrl);
        return client;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notify send {Reference} failed transiently (attempt {Attempt}, {Failure}); retrying")]
    private static partial void LogRetry(ILogger log, string reference, int attempt, string failure);

    private string ApiKeyOf(string account) =>
        accounts.Value.Notify.Find(account) is { ApiKey: { Length: > 0 } key }
            ? key
            : throw new InvalidOperationException($"No Notify API key for account '{account}': set {PlatformAccountSettings.NotifyApiKey(account).Name}.");
}
