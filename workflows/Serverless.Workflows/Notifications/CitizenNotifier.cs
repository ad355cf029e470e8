using System.Globalization;
using System.Text.Json.Nodes;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Telemetry;

namespace Serverless.Workflows.Notifications;

/// <summary>
/// Sends a milestone's notification at most once per case. Notify has no idempotency key, so the case record is the
/// deduplication: the intent is recorded before sending and the result after. A retry that finds an intent without its
/// result (the process or the case store failed in between) asks Notify by reference and resends only if nothing was sent.
/// </summary>
public sealed class CitizenNotifier(INotificationSender sender, ICaseStore cases, IJourneyTelemetry telemetry, TimeProvider clock)
{
    /// <param name="occurrence">Distinguishes a milestone that can happen more than once (each request for information).</param>
    public async Task NotifyOnceAsync(
        CaseRecord record, ServiceDefinition definition, string milestone, CancellationToken cancellationToken, string? occurrence = null)
    {
        var key = occurrence is null ? milestone : $"{milestone}:{occurrence}";
        if (record.Notifications.Exists(n => n.Key == key && (n.SentAt is not null || n.Rejected is not null)))
            return;
        if (!definition.Notifications.TryGetValue(milestone, out var template))
            return;
        if (record.Application is null)
            return; // Redacted: nothing left to address the citizen with.

        var recipient = ReadPointer(record.Application, template.Recipient);
        if (string.IsNullOrWhiteSpace(recipient))
            return; // An optional contact the citizen left out (e.g. a mobile number).

        var reference = $"{record.Id}:{key}";
        NotificationRecord? prior = null;
        await cases.UpdateAsync(record.Id, c =>
        {
            prior = c.Notifications.Find(n => n.Key == key);
            if (prior is not null)
                return false;
            c.Notifications.Add(new NotificationRecord
            {
                Key = key, Channel = template.Channel, TemplateId = template.TemplateId, Reference = reference, IntendedAt = clock.GetUtcNow(),
            });
            return true;
        }, cancellationToken).ConfigureAwait(false);
        if (prior is { SentAt: not null } or { Rejected: not null })
            return;

        // An earlier attempt recorded its intent but not its result: it may have sent the message, so ask Notify first.
        var id = prior is null ? null : await sender.FindSentAsync(definition.Accounts.Notify, reference, cancellationToken).ConfigureAwait(false);
        string? rejected = null;
        if (id is null)
        {
            var personalisation = template.Personalisation.ToDictionary(p => p.Key, p => Resolve(record, definition, p.Value));
            try
            {
                id = await sender.SendAsync(
                    new NotificationMessage(definition.Accounts.Notify, template.Channel, template.TemplateId, recipient, personalisation, reference),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (NotificationRejectedException refusal)
            {
                // Sending it again would be refused again: record it for ops and let the journey go on.
                rejected = refusal.Reason;
                telemetry.NotificationFailed(definition.Key, milestone, NotificationStatuses.Rejected);
            }
        }

        var at = clock.GetUtcNow();
        await cases.UpdateAsync(record.Id, c =>
        {
            var entry = c.Notifications.Find(n => n.Key == key);
            if (entry is null || entry.SentAt is not null || entry.Rejected is not null)
                return false;
            entry.NotificationId = id;
            entry.SentAt = id is null ? null : at;
            entry.Rejected = rejected;
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    private static string Resolve(CaseRecord record, ServiceDefinition definition, string source) => source switch
    {
        "case.reference" => record.Reference,
        "case.service_name" => definition.Name,
        "case.reason" => record.Decision?.Reason ?? record.InformationRequests.LastOrDefault()?.Reason ?? record.Outcome ?? "",
        "case.payment_url" => record.Payment?.NextUrl ?? "",
        "case.respond_by" => record.InformationRequests.LastOrDefault()?.RespondBy.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) ?? "",
        "case.fee" => definition.FeePence is { } pence ? (pence / 100m).ToString("£0.00", CultureInfo.InvariantCulture) : "",
        _ => record.Application is null ? "" : ReadPointer(record.Application, source) ?? "",
    };

    private static string? ReadPointer(JsonObject document, string pointer)
    {
        JsonNode? node = document;
        foreach (var raw in pointer.Split('/').Skip(1))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node is JsonObject obj && obj.TryGetPropertyValue(segment, out var child) ? child : null;
            if (node is null)
                return null;
        }
        return node is JsonValue value ? value.ToString() : node?.ToJsonString();
    }
}
