using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Serverless.Workflows.Api;

namespace Serverless.SelfHost.Endpoints;

/// <summary>
/// The self-host's counterpart of the Functions app's function keys: each client has a configured key, sent as
/// <c>X-Api-Key</c> and compared in constant time. Service frontends and department/ops clients have separate key sets.
/// </summary>
public abstract class ApiKeyFilter(Func<SelfHostOptions, IReadOnlyDictionary<string, string>> keys, IOptions<SelfHostOptions> options, string who)
    : IEndpointFilter
{
    public const string Header = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var presented = Encoding.UTF8.GetBytes(context.HttpContext.Request.Headers[Header].ToString());
        var known = presented.Length > 0 && keys(options.Value).Values.Any(key =>
            CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(key)));
        return known
            ? await next(context).ConfigureAwait(false)
            : Problems.Unauthorised($"A {who} API key is required in the {Header} header.");
    }
}

public sealed class FrontendApiKeyFilter(IOptions<SelfHostOptions> options)
    : ApiKeyFilter(o => o.FrontendApiKeys, options, "service frontend");

public sealed class OperatorApiKeyFilter(IOptions<SelfHostOptions> options)
    : ApiKeyFilter(o => o.OperatorApiKeys, options, "department or operator");
