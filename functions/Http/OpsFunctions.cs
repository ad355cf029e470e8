using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Serverless.Workflows.Journeys;
using Serverless.Workflows.Operations;

namespace Serverless.Functions.Http;

/// <summary>
/// The operator API's and health probes' HTTP triggers: one line each into <see cref="OpsHttpApi"/> and <see cref="HealthHttpApi"/>. Anonymous at the Functions level because
/// operators are not function-key clients: they sign in with Entra ID, and OpsHttpApi checks the principal App Service
/// authentication passes on, with its role and department.
/// </summary>
public sealed class OpsFunctions(OpsHttpApi ops, HealthHttpApi health, PoisonRedrive redrive)
{
    [Function("OpsSearchCases")]
    public Task<IActionResult> SearchCases([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = OpsRoutes.Cases)] HttpRequest request) =>
        ops.SearchAsync(request).ToActionResult();

    [Function("OpsGetCase")]
    public Task<IActionResult> GetCase(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = OpsRoutes.Case)] HttpRequest request, string case_id, [DurableClient] DurableTaskClient durable) =>
        ops.GetCaseAsync(request, case_id, new DurableTaskJourneyClient(durable)).ToActionResult();

    [Function("OpsRetryCase")]
    public Task<IActionResult> RetryCase(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = OpsRoutes.Retry)] HttpRequest request, string case_id, [DurableClient] DurableTaskClient durable) =>
        ops.RetryAsync(request, case_id, new DurableTaskJourneyClient(durable)).ToActionResult();

    [Function("OpsWithdrawCase")]
    public Task<IActionResult> WithdrawCase(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = OpsRoutes.Withdraw)] HttpRequest request, string case_id, [DurableClient] DurableTaskClient durable) =>
        ops.WithdrawAsync(request, case_id, new DurableTaskJourneyClient(durable)).ToActionResult();

    [Function("OpsTerminateCase")]
    public Task<IActionResult> TerminateCase(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = OpsRoutes.Terminate)] HttpRequest request, string case_id, [DurableClient] DurableTaskClient durable) =>
        ops.TerminateAsync(request, case_id, new DurableTaskJourneyClient(durable)).ToActionResult();

    [Function("OpsRedriveDecisions")]
    public Task<IActionResult> RedriveDecisions([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = OpsRoutes.RedriveDecisions)] HttpRequest request) =>
        redrive.RedriveDecisionsAsync(request).ToActionResult();

    // Probes carry no credentials; the reports say only which checks passed.
    [Function("HealthLive")]
    public static IActionResult Live([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = HealthRoutes.Live)] HttpRequest request) =>
        HealthHttpApi.Live().ToActionResult();

    [Function("HealthReady")]
    public Task<IActionResult> Ready(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = HealthRoutes.Ready)] HttpRequest request, [DurableClient] DurableTaskClient durable) =>
        health.ReadyAsync(request, new DurableTaskJourneyClient(durable)).ToActionResult();
}
