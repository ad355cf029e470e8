namespace Serverless.Workflows.Notifications;

/// <summary>Sends a templated email or text message through GOV.UK Notify (or its sandbox), from the department's service.</summary>
public interface INotificationSender
{
    /// <returns>Notify's notification id.</returns>
    Task<string> SendAsync(NotificationMessage message, CancellationToken cancellationToken);
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
