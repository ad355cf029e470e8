using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Serverless.Workflows.Api;

namespace Serverless.SelfHost.Endpoints;

/// <summary>
/// Service frontends authenticate with an API key each (<c>X-Api-Key</c>): the self-host's counterpart of the Functions
/// app's function keys. Keys are compared in constant time.
/// </summary>
public sealed class FrontendApiKeyFilter(IOptions<SelfHostOptions> options) : IEndpointFilter
{
    public const string Header = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var presented = Encoding.UTF8.GetBytes(context.HttpContext.Request.Headers[Header].ToString());
        var known = options.Value.FrontendApiKeys.Values.Any(key =>
            presented.Length > 0 && CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(key)));
        return known
            ? await next(context).ConfigureAwait(false)
            : Problems.Unauthorised($"A service frontend API key is required in the {Header} header.");
    }
}
