namespace Serverless.Workflows.Notifications;

/// <summary>Sends a templated email or text message through GOV.UK Notify, from the department's own Notify service.</summary>
public interface INotificationSender
{
    /// <returns>Notify's notification id.</returns>
    /// <exception cref="NotificationRejectedException">Notify refused the request (4xx): sending it again cannot help.</exception>
    Task<string> SendAsync(NotificationMessage message, CancellationToken cancellationToken);

    /// <summary>Notify's id of a message already sent from <paramref name="account"/> with this reference, or null.</summary>
    Task<string?> FindSentAsync(string account, string reference, CancellationToken cancellationToken);
}

/// <param name="Account">Credential name of the department's Notify service.</param>
/// <param name="Reference">Our reference for the message (the case id and milestone): no personal data.</param>
public sealed record NotificationMessage(
    string Account,
    string Channel,
    string TemplateId,
    string Recipient,
    IReadOnlyDictionary<string, string> Personalisation,
    string Reference);

/// <summary>Notify answered 4xx (other than 429): the request itself is wrong, so it is recorded, never retried.</summary>
public sealed class NotificationRejectedException(int statusCode, string reason) : Exception($"GOV.UK Notify refused the message: {statusCode} {reason}")
{
    public int StatusCode { get; } = statusCode;

    /// <summary>Notify's error type (e.g. ValidationError): no personal data, unlike its message text.</summary>
    public string Reason { get; } = reason;
}
