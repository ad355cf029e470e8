using System.Text.Json.Nodes;

namespace Serverless.Workflows.Notifications.Sandbox;

/// <summary>The sandbox's messages in the shapes of Notify's API v2 responses and delivery receipts.</summary>
public static class NotifyJson
{
    private const string FromEmail = "sandbox@notifications.service.gov.uk";
    private const string FromNumber = "GOVUK";

    /// <summary>The 201 body of POST /v2/notifications/email or /sms.</summary>
    public static JsonObject Sent(SandboxNotification n, string baseUrl)
    {
        var content = n.Type == NotificationTypes.Email
            ? new JsonObject { ["subject"] = "Sandbox message", ["body"] = n.Body, ["from_email"] = FromEmail, ["one_click_unsubscribe_url"] = null }
            : new JsonObject { ["body"] = n.Body, ["from_number"] = FromNumber };
        return new JsonObject
        {
            ["id"] = n.Id,
            ["reference"] = n.Reference,
            ["scheduled_for"] = null,
            ["content"] = content,
            ["uri"] = $"{baseUrl}v2/notifications/{n.Id}",
            ["template"] = Template(n, baseUrl),
        };
    }

    /// <summary>One message, as GET /v2/notifications/{id} and the list return it.</summary>
    public static JsonObject Message(SandboxNotification n, string baseUrl)
    {
        var message = new JsonObject
        {
            ["id"] = n.Id,
            ["reference"] = n.Reference,
            ["email_address"] = n.Type == NotificationTypes.Email ? n.Recipient : null,
            ["phone_number"] = n.Type == NotificationTypes.Sms ? n.Recipient : null,
            ["type"] = n.Type,
            ["status"] = n.Status,
            ["template"] = Template(n, baseUrl),
            ["body"] = n.Body,
            ["subject"] = n.Type == NotificationTypes.Email ? "Sandbox message" : null,
            ["created_at"] = Timestamp(n.CreatedAt),
            ["created_by_name"] = null,
            ["scheduled_for"] = null,
            ["is_cost_data_ready"] = false,
        };
        if (n.CompletedAt is { } completed)
        {
            message["sent_at"] = Timestamp(n.CreatedAt);
            message["completed_at"] = Timestamp(completed);
        }
        return message;
    }

    /// <summary>A delivery receipt as Notify POSTs it to the service's callback URL.</summary>
    public static JsonObject Receipt(SandboxNotification n, string status, DateTimeOffset completedAt) => new()
    {
        ["id"] = n.Id,
        ["reference"] = n.Reference,
        ["to"] = n.Recipient,
        ["status"] = status,
        ["created_at"] = Timestamp(n.CreatedAt),
        ["completed_at"] = Timestamp(completedAt),
        ["sent_at"] = Timestamp(n.CreatedAt),
        ["notification_type"] = n.Type,
        ["template_id"] = n.TemplateId,
        ["template_version"] = 1,
    };

    private static JsonObject Template(SandboxNotification n, string baseUrl) => new()
    {
        ["id"] = n.TemplateId, ["version"] = 1, ["uri"] = $"{baseUrl}v2/template/{n.TemplateId}/version/1",
    };

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
