using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Workflows.Api;
using Serverless.Workflows.Applications;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Journeys;

namespace Serverless.Workflows.Payments;

/// <summary>
/// <c>POST /api/v1/webhooks/pay</c>: GOV.UK Pay's payment events. Each Pay account signs with its own secret; an event
/// is accepted only when signed by the account that owns the case's payment (else 401, and nothing changes). Delivery
/// is at least once and out of order, so only settling events are passed on, and only for the case's current payment;
/// once a case's payment has succeeded, a late failure cannot undo it. Anything else is acknowledged (200) so Pay stops
/// retrying it.
/// </summary>
public sealed partial class PayWebhookIntake(
    ICaseStore cases, CaseRefunder refunder, IDefinitionCatalog catalog,
    IOptions<PlatformAccountsOptions> accounts, ILogger<PayWebhookIntake> log)
{
    /// <summary>Pay events are a few KiB; the endpoint is anonymous, so nothing larger is read.</summary>
    private const int MaxBytes = 64 * 1024;

    public async Task<IResult> HandleAsync(HttpRequest request, IJourneyClient journeys, CancellationToken cancellationToken)
    {
        if (await JsonBody.ReadBytesAsync(request, MaxBytes, cancellationToken).ConfigureAwait(false) is not { } body)
            return Problems.TooLarge("A Pay event", MaxBytes);
        var signature = request.Headers[PayWebhookSignature.Header].ToString();
        if (SigningAccount(body, signature) is not { } signer)
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
        var caseId = message.Resource.MetadataText("case_id");
        if (outcome is null || caseId is null)
            return Acknowledge("ignored");

        var record = await cases.FindAsync(caseId, cancellationToken).ConfigureAwait(false);
        if (record?.Payment?.PaymentId != message.ResourceId)
        {
            LogUnmatched(log, message.WebhookMessageId);
            return Acknowledge("ignored");
        }
        if (!PlatformAccountSettings.Same(catalog.Get(new DefinitionKey(record.ServiceId, record.DefinitionVersion)).Accounts.Pay, signer))
            return Problems.Unauthorised("The event is not signed by the Pay account that owns the payment.");

        record = await cases.UpdateAsync(caseId, c =>
        {
            if (c.Payment is null || c.Payment.Status == PayStatuses.Success || c.Payment.Status == message.Resource.State.Status)
                return false;
            c.Payment.Status = message.Resource.State.Status;
            return true;
        }, cancellationToken).ConfigureAwait(false);
        if (CaseStatus.IsFinished(record.Status))
        {
            // Redelivered, or paid after the journey gave up at the payment's expiry: never restart a finished journey,
            // and refund by the one rule for how the case ended.
            if (outcome == PaymentOutcomes.Succeeded)
                await RefundLatePaymentAsync(record, cancellationToken).ConfigureAwait(false);
            return Acknowledge("ignored");
        }
        // What the case holds wins: a failure delivered after (or racing) the success never undoes the payment.
        var settled = record.Payment?.Status == PayStatuses.Success ? PaymentOutcomes.Succeeded : outcome;
        await journeys.RaiseEventAsync(caseId, JourneyEvents.Payment, new PaymentSettled(message.ResourceId, settled), cancellationToken)
            .ConfigureAwait(false);
        return Acknowledge("accepted");
    }

    private async Task RefundLatePaymentAsync(CaseRecord record, CancellationToken cancellationToken)
    {
        var refunded = await refunder.RefundIfDueAsync(record, catalog.Get(new DefinitionKey(record.ServiceId, record.DefinitionVersion)), cancellationToken)
            .ConfigureAwait(false);
        if (refunded.Payment?.RefundId is not null && record.Payment?.RefundId is null)
            LogLateRefund(log, record.Id);
    }

    /// <summary>The Pay account whose webhook secret produced the signature, if any.</summary>
    private string? SigningAccount(byte[] body, string signature) =>
        accounts.Value.Pay.Accounts.Where(a => PayWebhookSignature.IsValid(body, signature, a.Value.WebhookSigningSecret))
            .Select(a => a.Key).FirstOrDefault();

    private static IResult Acknowledge(string status) => Results.Json(new { status }, ApiJson.Options);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId} was paid after it ended; the payment was refunded by the refund rule")]
    private static partial void LogLateRefund(ILogger log, string caseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pay webhook {WebhookMessageId} names no current payment of ours; acknowledged and ignored")]
    private static partial void LogUnmatched(ILogger log, string webhookMessageId);
}
