using System.Globalization;
using System.Net.Http;
using System.Text.RegularExpressions;
using Notify.Exceptions;

namespace Serverless.Workflows.Notifications;

/// <summary>
/// What a GovukNotify client exception means. The client reports HTTP errors only as text
/// (<c>"Status code 400. The following errors occured [{"error":"ValidationError",…}]"</c>), and connection failures as an
/// AggregateException around HttpRequestException (it blocks on <c>.Result</c>), so both are read here, once.
/// </summary>
public static partial class NotifyFailure
{
    /// <summary>The HTTP status in a client exception, or null when no response came back (network, timeout).</summary>
    public static int? StatusCode(NotifyClientException failure) =>
        StatusPattern().Match(failure.Message) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    /// <summary>Notify's error type (ValidationError, BadRequestError, AuthError…): safe to log, unlike the message text.</summary>
    public static string ErrorType(NotifyClientException failure) =>
        ErrorPattern().Match(failure.Message) is { Success: true } m ? m.Groups[1].Value : "unknown";

    /// <summary>Worth trying again: 429, 5xx, or no answer at all. Any other 4xx is a request Notify will always refuse.</summary>
    public static bool IsTransient(Exception failure) => failure switch
    {
        NotifyClientException n => StatusCode(n) is null or 429 or >= 500,
        AggregateException a => a.InnerExceptions.All(IsTransient),
        HttpRequestException or TaskCanceledException or TimeoutException => true,
        _ => false,
    };

    [GeneratedRegex(@"^Status code (\d{3})\b")]
    private static partial Regex StatusPattern();

    [GeneratedRegex("\"error\"\\s*:\\s*\"([A-Za-z]+)\"")]
    private static partial Regex ErrorPattern();
}
