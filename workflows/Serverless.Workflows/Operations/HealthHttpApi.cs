using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Serverless.Workflows.Api;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Departments;
using Serverless.Workflows.Journeys;

namespace Serverless.Workflows.Operations;

/// <summary>
/// <c>/api/v1/health/live</c> (the process answers) and <c>/api/v1/health/ready</c> (it can reach what it needs: the task
/// hub's storage, the case store and the decisions queue), the same on both hosts. Public, for probes: they name the
/// checks and whether each passed, never why.
/// </summary>
public sealed partial class HealthHttpApi(ICaseStore cases, IDepartmentQueues queues, ILogger<HealthHttpApi> log)
{
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    // An id no case has: reading it proves the store answers without reading anyone's case.
    public const string ProbeId = "health-probe";

    public static IResult Live() => Results.Json(new HealthReport("live", new Dictionary<string, string>()), ApiJson.Options);

    public async Task<IResult> ReadyAsync(HttpRequest request, IJourneyClient journeys)
    {
        var checks = new Dictionary<string, Func<CancellationToken, Task>>
        {
            ["task_hub"] = ct => journeys.ExistsAsync(ProbeId, ct),
            ["case_store"] = ct => cases.FindAsync(ProbeId, ct),
            ["queues"] = ct => queues.ApproximateDepthAsync(QueueNames.Decisions, ct),
        };
        var results = await Task.WhenAll(checks.Select(async c => (c.Key, Ok: await PassesAsync(c.Key, c.Value, request.HttpContext.RequestAborted)
            .ConfigureAwait(false)))).ConfigureAwait(false);
        var report = results.ToDictionary(r => r.Key, r => r.Ok ? "ok" : "failed");
        return results.All(r => r.Ok)
            ? Results.Json(new HealthReport("ready", report), ApiJson.Options)
            : Problems.Create(StatusCodes.Status503ServiceUnavailable, "not-ready", "Not ready",
                "A dependency did not answer: " + string.Join(", ", results.Where(r => !r.Ok).Select(r => r.Key)) + ".",
                new Dictionary<string, object?> { ["checks"] = report });
    }

    private async Task<bool> PassesAsync(string name, Func<CancellationToken, Task> check, CancellationToken aborted)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            await check(timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (!aborted.IsCancellationRequested)
        {
            LogCheckFailed(log, name, e);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Readiness check {Check} failed")]
    private static partial void LogCheckFailed(ILogger log, string check, Exception exception);
}

public sealed record HealthReport(string Status, IReadOnlyDictionary<string, string> Checks);

public static class HealthRoutes
{
    public const string Live = "v1/health/live";
    public const string Ready = "v1/health/ready";
}
