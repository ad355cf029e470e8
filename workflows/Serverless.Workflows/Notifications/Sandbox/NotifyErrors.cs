using Microsoft.AspNetCore.Http;

namespace Serverless.Workflows.Notifications.Sandbox;

/// <summary>Notify's error body: <c>{"errors":[{"error","message"}],"status_code"}</c>.</summary>
public static class NotifyErrors
{
    public static IResult Result(int status, string error, string message) =>
        Results.Json(new { errors = new[] { new { error, message } }, status_code = status }, statusCode: status);
}
