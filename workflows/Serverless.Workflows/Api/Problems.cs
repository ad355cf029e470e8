using Microsoft.AspNetCore.Http;

namespace Serverless.Workflows.Api;

/// <summary>
/// RFC 9457 problem details for every error. Each problem has a stable type URI (its identifier for integrators) and a
/// human-readable detail that never echoes submitted values.
/// </summary>
public static class Problems
{
    private const string TypeBase = "https://serverless.service.gov.uk/problems/";

    public static IResult Create(int status, string type, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(detail: detail, statusCode: status, title: title, type: TypeBase + type, extensions: extensions);

    public static IResult NotFound(string what) => Create(StatusCodes.Status404NotFound, "not-found", "Not found", $"{what} was not found.");

    public static IResult Unauthorised(string detail) => Create(StatusCodes.Status401Unauthorized, "unauthorised", "Unauthorised", detail);

    public static IResult Forbidden(string detail) => Create(StatusCodes.Status403Forbidden, "forbidden", "Forbidden", detail);

    public static IResult BadRequest(string type, string detail) => Create(StatusCodes.Status400BadRequest, type, "Bad request", detail);

    public static IResult Conflict(string type, string detail) => Create(StatusCodes.Status409Conflict, type, "Conflict", detail);

    /// <summary>413: names the limit, in bytes, so a client can tell how far over it was without guessing.</summary>
    public static IResult TooLarge(string what, long limitBytes) => Create(
        StatusCodes.Status413PayloadTooLarge, "too-large", "Too large", $"{what} is larger than the limit of {limitBytes:N0} bytes.",
        new Dictionary<string, object?> { ["limit_bytes"] = limitBytes });

    /// <summary>422: accepted, this could never reach the department, so it is refused now rather than fail after payment.</summary>
    public static IResult CannotHandOff(string what, long limitBytes) => Create(
        StatusCodes.Status422UnprocessableEntity, "too-large-to-hand-off", "Too large to hand off",
        $"{what} would not fit in a department queue message, whose limit is {limitBytes:N0} bytes.",
        new Dictionary<string, object?> { ["limit_bytes"] = limitBytes });

    public static IResult Invalid(IEnumerable<Definitions.ValidationError> errors) => Create(
        StatusCodes.Status422UnprocessableEntity, "validation-failed", "The application is not valid",
        "One or more fields are missing or not valid.",
        new Dictionary<string, object?> { ["errors"] = errors.Select(e => new { pointer = e.Pointer, detail = e.Message }).ToList() });
}
