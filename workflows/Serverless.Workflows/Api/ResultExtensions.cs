using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Serverless.Workflows.Api;

public static class ResultExtensions
{
    /// <summary>Adds a <c>Location</c> header to a result (202 Accepted points at the status resource).</summary>
    public static IResult WithLocation(this IResult result, string location) => new LocatedResult(result, location);

    private sealed class LocatedResult(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers[HeaderNames.Location] = location;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
