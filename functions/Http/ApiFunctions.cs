using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Serverless.Workflows.Api;
using Serverless.Workflows.Journeys;

namespace Serverless.Functions.Http;

/// <summary>
/// The public API's HTTP triggers: one line each into <see cref="JourneyHttpApi"/>. Frontend calls carry a function key
/// (AuthorizationLevel.Function); Pay's webhook is verified by its signature and the OpenAPI document is public.
/// </summary>
public sealed class ApiFunctions(JourneyHttpApi api)
{
    [Function("ListServices")]
    public IActionResult ListServices([HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Services)] HttpRequest request) =>
        api.ListServices().ToActionResult();

    [Function("GetService")]
    public IActionResult GetService([HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Service)] HttpRequest request, string service_id) =>
        api.GetService(service_id).ToActionResult();

    [Function("GetServiceDiagram")]
    public IActionResult GetServiceDiagram([HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.ServiceDiagram)] HttpRequest request, string service_id) =>
        api.GetServiceDiagram(service_id).ToActionResult();

    [Function("SubmitApplication")]
    public Task<IActionResult> SubmitApplication(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Applications)] HttpRequest request, string service_id,
        [DurableClient] DurableTaskClient durable) =>
        api.SubmitAsync(request, service_id, new DurableTaskJourneyClient(durable)).ToActionResult();

    [Function("UploadEvidence")]
    public Task<IActionResult> UploadEvidence([HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Evidence)] HttpRequest request, string service_id) =>
        api.UploadEvidenceAsync(request, service_id).ToActionResult();

    [Function("GetApplication")]
    public Task<IActionResult> GetApplication([HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.Application)] HttpRequest request, string case_id) =>
        api.GetApplicationAsync(request, case_id).ToActionResult();

    [Function("ProvideInformation")]
    public Task<IActionResult> ProvideInformation(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.Information)] HttpRequest request, string case_id,
        [DurableClient] DurableTaskClient durable) =>
        api.ProvideInformationAsync(request, case_id, new DurableTaskJourneyClient(durable)).ToActionResult();

    [Function("PayWebhook")]
    public Task<IActionResult> PayWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.PayWebhook)] HttpRequest request, [DurableClient] DurableTaskClient durable) =>
        api.PayWebhookAsync(request, new DurableTaskJourneyClient(durable)).ToActionResult();

    // Department and ops clients get their own function keys on these two, apart from the frontends' keys.
    [Function("ListCases")]
    public Task<IActionResult> ListCases([HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.ServiceCases)] HttpRequest request, string service_id) =>
        api.ListCasesAsync(request, service_id).ToActionResult();

    [Function("ListSlaBreaches")]
    public Task<IActionResult> ListSlaBreaches([HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.SlaBreaches)] HttpRequest request) =>
        api.ListSlaBreachesAsync(request).ToActionResult();

    [Function("OpenApiDocument")]
    public static IActionResult OpenApi([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.OpenApi)] HttpRequest request) =>
        JourneyHttpApi.OpenApi().ToActionResult();
}
