using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Workflows.Api;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Journeys;

namespace Serverless.Workflows.Payments;

/// <summary>
/// <c>POST /api/v1/webhooks/pay</c>: GOV.UK Pay's payment events. A bad signature changes nothing (401). Delivery is
/// at least once and out of order, so only settling events are passed on, and only for the case's current payment;
/// anything else is acknowledged (200) so Pay stops retrying it.
/// </summary>
public sealed partial class PayWebhookIntake(ICaseStore cases, IOptions<PlatformOptions> options, ILogger<PayWebhookIntake> log)
{
    public async Task<IResult> HandleAsync(HttpRequest request, IJourneyClient journeys, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var body = buffer.ToArray();
        if (!PayWebhookSignature.IsValid(body, request.Headers[PayWebhookSignature.Header], options.Value.PayWebhookSigningSecret))
            return Problems.Unauthorised("The Pay-Signature header is missing or does not match the body.");

        PayWebhookMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<PayWebhookMessage>(body, PayWebhookMessage.SerializerOptions);
        }
        catch (JsonException)
        {
            message = null;
        }
        if (message is null || message.ResourceType != "payment")
            return Problems.BadRequest("invalid-webhook", "The body is not a GOV.UK Pay payment event.");

        var outcome = PayEventTypes.Outcome(message.EventType);
        var caseId = message.Resource.Metadata?.GetValueOrDefault("case_id");
        if (outcome is null || caseId is null)
            return Acknowledge("ignored");

        var record = await cases.FindAsync(caseId, cancellationToken).ConfigureAwait(false);
        if (record?.Payment?.PaymentId != message.ResourceId)
        {
            LogUnmatched(log, message.WebhookMessageId);
            return Acknowledge("ignored");
        }

        await cases.UpdateAsync(caseId, c =>
        {
            if (c.Payment is null || c.Payment.Status == PayStatuses.Success || c.Payment.Status == message.Resource.State.Status)
                return false;
            c.Payment.Status = message.Resource.State.Status;
            return true;
        }, cancellationToken).ConfigureAwait(false);
        await journeys.RaiseEventAsync(caseId, JourneyEvents.Payment, new PaymentSettled(message.ResourceId, outcome), cancellationToken)
            .ConfigureAwait(false);
        return Acknowledge("accepted");
    }

    private static IResult Acknowledge(string status) => Results.Json(new { status }, ApiJson.Options);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pay webhook {WebhookMessageId} names no current payment of ours; acknowledged and ignored")]
    private static partial void LogUnmatched(ILogger log, string webhookMessageId);
}
