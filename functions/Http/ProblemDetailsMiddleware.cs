using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;
using Serverless.Workflows.Api;

namespace Serverless.Functions.Http;

/// <summary>
/// An unhandled exception in an HTTP function becomes an RFC 9457 500, as the self-host's exception handler does,
/// rather than the host's bare 500. Details stay in the logs; the caller gets no internals.
/// </summary>
public sealed partial class ProblemDetailsMiddleware(ILogger<ProblemDetailsMiddleware> log) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception e) when (context.GetHttpContext() is { Response.HasStarted: false } http)
        {
            LogUnhandled(log, context.FunctionDefinition.Name, e);
            await Problems.Create(500, "internal-error", "Something went wrong", "The request could not be completed. Try again later.")
                .ExecuteAsync(http).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Function {Function} failed")]
    private static partial void LogUnhandled(ILogger log, string function, Exception exception);
}
