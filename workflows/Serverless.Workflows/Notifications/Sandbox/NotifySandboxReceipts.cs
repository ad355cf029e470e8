using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Workflows.Configuration;

namespace Serverless.Workflows.Notifications.Sandbox;

/// <summary>
/// Sends the Notify sandbox's delivery receipts to the platform's callback (<c>POST /api/v1/callbacks/notify</c>) with the
/// configured bearer token, as Notify does, retrying a few times. The queue is bounded: a receipt that does not fit is
/// dropped and logged (Notify's own receipts are best effort too), so a flood cannot grow memory.
/// </summary>
public sealed partial class NotifySandboxReceipts(
    NotifySandboxStore store, IHttpClientFactory http, IOptions<NotifyOptions> notify, IOptions<JourneyOptions> journeys,
    TimeProvider clock, ILogger<NotifySandboxReceipts> log) : BackgroundService
{
    public const string HttpClientName = "notify-sandbox-receipts";
    public const string CallbackPath = "api/v1/callbacks/notify";
    private const int Capacity = 1000;
    private const int Attempts = 4;
    private readonly Channel<(SandboxNotification Notification, string Status)> _pending =
        Channel.CreateBounded<(SandboxNotification, string)>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Enqueue(SandboxNotification notification, string finalStatus)
    {
        if (!_pending.Writer.TryWrite((notification, finalStatus)))
            LogDropped(log, notification.Id);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (notification, status) in _pending.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await DeliverAsync(notification, status, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                LogFailed(log, notification.Id, failure.GetType().Name);
            }
        }
    }

    private async Task DeliverAsync(SandboxNotification notification, string status, CancellationToken cancellationToken)
    {
        var completedAt = clock.GetUtcNow();
        await store.SetStatusAsync(notification, status, completedAt, cancellationToken).ConfigureAwait(false);
        var token = notify.Value.CallbackBearerToken;
        if (token.Length == 0)
            return; // No callback configured: Notify sends receipts only to services that set one up.

        var callback = new Uri(journeys.Value.PublicBaseUrl, CallbackPath);
        var client = http.CreateClient(HttpClientName);
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, callback)
            {
                Content = JsonContent.Create(NotifyJson.Receipt(notification, status, completedAt)),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            try
            {
                using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // The platform is restarting: try again, as Notify would (every 5 minutes there; sooner here).
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), clock, cancellationToken).ConfigureAwait(false);
        }
        LogFailed(log, notification.Id, "no 2xx from the callback");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notify sandbox: receipt for {NotificationId} dropped, the receipt queue is full")]
    private static partial void LogDropped(ILogger log, string notificationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notify sandbox: receipt for {NotificationId} not delivered ({Failure})")]
    private static partial void LogFailed(ILogger log, string notificationId, string failure);
}
