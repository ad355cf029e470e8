using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Serverless.Workflows.Api;
using Serverless.Workflows.Applications;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Telemetry;

namespace Serverless.Workflows.Notifications;

/// <summary>
/// <c>POST /api/v1/callbacks/notify</c>: GOV.UK Notify's delivery receipts, authenticated by the bearer token configured
/// in Notify (no signature). The case is found by the message's reference (<c>{case id}:{milestone}</c>); each status is
/// put on the case's timeline once. A permanent failure is shown to ops as a metric and a log, with no personal data.
/// Anything acknowledged (204) is not retried by Notify, so receipts for unknown cases are acknowledged too.
/// </summary>
public sealed partial class NotifyCallbackIntake(
    ICaseStore cases, IJourneyTelemetry telemetry, IOptions<NotifyOptions> options,
    TimeProvider clock, ILogger<NotifyCallbackIntake> log)
{
    public const string Actor = "gov.uk-notify";
    private const int MaxBytes = 16 * 1024;

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!IsAuthorised(request.Headers[HeaderNames.Authorization].ToString(), options.Value.CallbackBearerToken))
            return Problems.Unauthorised("The bearer token is missing or is not the one configured for Notify's callbacks.");
        if (await JsonBody.ReadBytesAsync(request, MaxBytes, cancellationToken).ConfigureAwait(false) is not { } body)
            return Problems.BadRequest("invalid-receipt", "The body is too large for a delivery receipt.");

        DeliveryReceipt? receipt;
        try
        {
            receipt = JsonSerializer.Deserialize<DeliveryReceipt>(body);
        }
        catch (JsonException)
        {
            receipt = null;
        }
        if (receipt is not { Id: not null, Status: not null })
            return Problems.BadRequest("invalid-receipt", "A delivery receipt needs at least 'id' and 'status'.");

        var caseId = receipt.Reference?.Split(':', 2)[0];
        if (!CaseIds.IsWellFormed(caseId) || !NotificationStatuses.Receipts.Contains(receipt.Status))
        {
            LogIgnored(log, receipt.Id, receipt.Status);
            return Results.NoContent();
        }

        var record = await cases.FindAsync(caseId!, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            LogIgnored(log, receipt.Id, receipt.Status);
            return Results.NoContent();
        }

        var now = clock.GetUtcNow();
        string? milestone = null;
        await cases.UpdateAsync(record.Id, c =>
        {
            var entry = c.Notifications.Find(n => n.Reference == receipt.Reference || (n.NotificationId is not null && n.NotificationId == receipt.Id));
            if (entry is null || entry.DeliveryStatus == receipt.Status)
                return false; // Unknown to this case, or a redelivered receipt.
            entry.DeliveryStatus = receipt.Status;
            entry.DeliveryStatusAt = now;
            milestone = entry.Key.Split(':', 2)[0];
            c.Timeline.Add(new TimelineEntry(NotificationStatuses.Milestone(receipt.Status), now, Actor));
            return true;
        }, cancellationToken).ConfigureAwait(false);

        if (milestone is not null && receipt.Status == NotificationStatuses.PermanentFailure)
        {
            telemetry.NotificationFailed(new DefinitionKey(record.ServiceId, record.DefinitionVersion), milestone, receipt.Status);
            LogPermanentFailure(log, record.Id, milestone);
        }
        return Results.NoContent();
    }

    private static bool IsAuthorised(string header, string expected)
    {
        const string scheme = "Bearer ";
        if (expected.Length == 0 || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()), Encoding.UTF8.GetBytes(expected));
    }

    /// <summary>The fields of Notify's receipt the platform uses; <c>to</c> (the address) is deliberately not read.</summary>
    private sealed record DeliveryReceipt(
        [property: JsonPropertyName("id")] string? Id,
        [property: JsonPropertyName("reference")] string? Reference,
        [property: JsonPropertyName("status")] string? Status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notify receipt {NotificationId} ({Status}) matches no case notification; acknowledged")]
    private static partial void LogIgnored(ILogger log, string notificationId, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: the {Milestone} notification permanently failed (Notify could not deliver it)")]
    private static partial void LogPermanentFailure(ILogger log, string caseId, string milestone);
}
