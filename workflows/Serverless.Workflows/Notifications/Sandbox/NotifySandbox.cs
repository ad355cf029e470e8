using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Serverless.Workflows.Applications;
using Serverless.Workflows.Configuration;

namespace Serverless.Workflows.Notifications.Sandbox;

/// <summary>
/// GOV.UK Notify's API v2, as far as the platform uses it, on loopback: send email and text messages, get one message,
/// list messages by reference. Requests are authenticated as Notify does (<see cref="NotifyApiKey"/>) against the
/// platform's own configured keys; simulator recipients fail as Notify's do, and every message gets a delivery receipt
/// at the platform's callback. Sandbox mode only: the routes answer 404 otherwise.
/// </summary>
public sealed class NotifySandbox(
    NotifySandboxStore store, NotifySandboxReceipts receipts, IOptions<PlatformAccountsOptions> accounts, IOptions<PlatformOptions> platform, TimeProvider clock)
{
    /// <summary>Notify's simulator recipients and the final status each gets; anyone else's message is delivered.</summary>
    private static readonly Dictionary<string, string> Simulated = new(StringComparer.OrdinalIgnoreCase)
    {
        ["temp-fail@simulator.notify"] = NotificationStatuses.TemporaryFailure,
        ["perm-fail@simulator.notify"] = NotificationStatuses.PermanentFailure,
        ["07700900003"] = NotificationStatuses.TemporaryFailure,
        ["07700900002"] = NotificationStatuses.PermanentFailure,
    };

    public bool Enabled => platform.Value.Mode == PlatformOptions.SandboxMode;

    public Task<IResult> SendEmailAsync(HttpRequest request) => SendAsync(request, NotificationTypes.Email);

    public Task<IResult> SendSmsAsync(HttpRequest request) => SendAsync(request, NotificationTypes.Sms);

    public async Task<IResult> GetAsync(HttpRequest request, string notificationId)
    {
        if (Authenticate(request) is not { } serviceId)
            return Refused(request);
        if (!Guid.TryParse(notificationId, out _))
            return NotifyErrors.Result(400, "ValidationError", "notification_id is not a valid UUID");
        return await store.FindAsync(serviceId, notificationId, request.HttpContext.RequestAborted).ConfigureAwait(false) is { } found
            ? Results.Json(NotifyJson.Message(found, BaseUrl(request)))
            : NotifyErrors.Result(404, "NoResultFound", "No result found");
    }

    public async Task<IResult> ListAsync(HttpRequest request)
    {
        if (Authenticate(request) is not { } serviceId)
            return Refused(request);
        var reference = request.Query["reference"].ToString();
        if (reference.Length == 0)
            return NotifyErrors.Result(400, "ValidationError", "The sandbox lists messages by reference only: give ?reference=");
        var found = await store.ByReferenceAsync(serviceId, reference, 250, request.HttpContext.RequestAborted).ConfigureAwait(false);
        var baseUrl = BaseUrl(request);
        return Results.Json(new JsonObject
        {
            ["notifications"] = new JsonArray([.. found.Select(n => (JsonNode)NotifyJson.Message(n, baseUrl))]),
            ["links"] = new JsonObject { ["current"] = $"{baseUrl}v2/notifications{request.QueryString}" },
        });
    }

    /// <summary>What the platform sent for a case, for the sample run and tests (the platform's view, not Notify's API).</summary>
    public async Task<IResult> ForCaseAsync(HttpRequest request)
    {
        var sent = await store.ForCaseAsync(request.Query["case_id"].ToString(), 100, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return Results.Json(new
        {
            messages = sent.Select(n => new
            {
                id = n.Id, sent_at = n.CreatedAt.UtcDateTime, channel = n.Type, template_id = n.TemplateId, reference = n.Reference, status = n.Status,
            }),
        });
    }

    private async Task<IResult> SendAsync(HttpRequest request, string type)
    {
        if (Authenticate(request) is not { } serviceId)
            return Refused(request);
        // Notify answers a malformed or oversized body in its own error shape, not problem+json.
        var (body, _) = await JsonBody.ReadObjectAsync(request, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (body is null)
            return NotifyErrors.Result(400, "ValidationError", "The request body must be a JSON object within the size limit.");

        var recipientField = type == NotificationTypes.Email ? "email_address" : "phone_number";
        var recipient = Text(body, recipientField);
        var templateId = Text(body, "template_id");
        if (recipient is null)
            return NotifyErrors.Result(400, "ValidationError", $"{recipientField} is a required property");
        if (templateId is null || !Guid.TryParse(templateId, out _))
            return NotifyErrors.Result(400, "ValidationError", "template_id is not a valid UUID");
        if (type == NotificationTypes.Email ? !recipient.Contains('@', StringComparison.Ordinal) : !IsUkMobile(recipient))
            return NotifyErrors.Result(400, "ValidationError", type == NotificationTypes.Email ? "email_address Not a valid email address" : "phone_number Not a UK mobile number");
        if (body["personalisation"] is { } p && p is not JsonObject)
            return NotifyErrors.Result(400, "ValidationError", "personalisation is not of type object");

        var notification = new SandboxNotification(
            serviceId, Guid.NewGuid().ToString(), type, templateId, recipient, Text(body, "reference"), Render(templateId, body["personalisation"] as JsonObject),
            "created", clock.GetUtcNow(), null);
        await store.AddAsync(notification, request.HttpContext.RequestAborted).ConfigureAwait(false);
        receipts.Enqueue(notification, Simulated.GetValueOrDefault(Normalise(recipient), NotificationStatuses.Delivered));
        return Results.Json(NotifyJson.Sent(notification, BaseUrl(request)), statusCode: StatusCodes.Status201Created);
    }

    private string? Authenticate(HttpRequest request)
    {
        if (!Enabled)
            return null;
        var keys = accounts.Value.Notify.Accounts.Values.Select(a => NotifyApiKey.Parse(a.ApiKey)).OfType<NotifyApiKey>().ToList();
        var (serviceId, error) = NotifyApiKey.Verify(request.Headers[HeaderNames.Authorization].ToString(), keys, clock.GetUtcNow());
        request.HttpContext.Items[typeof(NotifySandbox)] = error;
        return serviceId;
    }

    private IResult Refused(HttpRequest request) => Enabled
        ? NotifyErrors.Result(403, "AuthError", (string?)request.HttpContext.Items[typeof(NotifySandbox)] ?? "Invalid token")
        : Api.Problems.NotFound("The sandbox");

    /// <summary>The sandbox's own address (…/sandbox/notify/), for the <c>uri</c> fields Notify returns.</summary>
    private static string BaseUrl(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        var v2 = path.IndexOf("/v2/", StringComparison.Ordinal);
        return $"{request.Scheme}://{request.Host}{request.PathBase}{(v2 < 0 ? path : path[..(v2 + 1)])}";
    }

    private static string? Text(JsonObject body, string name) => body[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    /// <summary>Notify's templates live in Notify; the sandbox has none, so the body lists the personalisation it was given.</summary>
    private static string Render(string templateId, JsonObject? personalisation) =>
        $"Template {templateId}\n" + string.Join('\n', (personalisation ?? []).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}: {p.Value}")));

    private static string Normalise(string recipient)
    {
        var digits = recipient.Trim().Replace(" ", "", StringComparison.Ordinal);
        return digits.StartsWith("+44", StringComparison.Ordinal) ? "0" + digits[3..] : digits.StartsWith("44", StringComparison.Ordinal) && !digits.Contains('@', StringComparison.Ordinal) ? "0" + digits[2..] : digits;
    }

    private static bool IsUkMobile(string number)
    {
        var n = Normalise(number);
        return n.Length == 11 && n.StartsWith("07", StringComparison.Ordinal) && n.All(char.IsAsciiDigit);
    }
}

/// <summary>Notify's message types.</summary>
public static class NotificationTypes
{
    public const string Email = "email";
    public const string Sms = "sms";
}
