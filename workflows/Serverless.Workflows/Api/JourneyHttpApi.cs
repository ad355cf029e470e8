using Microsoft.AspNetCore.Http;
using Serverless.Workflows.Applications;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Evidence;
using Serverless.Workflows.Journeys;
using Serverless.Workflows.Payments;

namespace Serverless.Workflows.Api;

/// <summary>
/// The HTTP API, once. The Functions triggers and the self-host's endpoints each call one of these methods, so the two
/// hosts cannot drift: routes are in <see cref="Routes"/>, behaviour is here and in Applications/.
/// </summary>
public sealed class JourneyHttpApi(
    IDefinitionCatalog catalog, SubmitApplication submit, GetCaseStatus status, ProvideInformation information, PayWebhookIntake payWebhooks,
    CaseQueries queries, UploadEvidence evidence)
{
    public IResult ListServices() =>
        Results.Json(new ServiceList([.. catalog.Latest.Select(d => ServiceView.From(d, withSchema: false))]), ApiJson.Options);

    public IResult GetService(string serviceId) =>
        catalog.FindLatest(serviceId) is { } d ? Results.Json(ServiceView.From(d, withSchema: true), ApiJson.Options) : Problems.NotFound($"Service '{serviceId}'");

    public IResult GetServiceDiagram(string serviceId) => ServiceDiagramView.For(catalog, serviceId);

    public Task<IResult> SubmitAsync(HttpRequest request, string serviceId, IJourneyClient journeys) =>
        submit.HandleAsync(request, serviceId, journeys, request.HttpContext.RequestAborted);

    public Task<IResult> UploadEvidenceAsync(HttpRequest request, string serviceId) =>
        evidence.HandleAsync(request, serviceId, request.HttpContext.RequestAborted);

    public Task<IResult> GetApplicationAsync(HttpRequest request, string caseId) =>
        status.HandleAsync(request, caseId, request.HttpContext.RequestAborted);

    public Task<IResult> ProvideInformationAsync(HttpRequest request, string caseId, IJourneyClient journeys) =>
        information.HandleAsync(request, caseId, journeys, request.HttpContext.RequestAborted);

    public Task<IResult> PayWebhookAsync(HttpRequest request, IJourneyClient journeys) =>
        payWebhooks.HandleAsync(request, journeys, request.HttpContext.RequestAborted);

    public Task<IResult> ListCasesAsync(HttpRequest request, string serviceId) =>
        queries.ListByStatusAsync(request, serviceId, request.HttpContext.RequestAborted);

    public Task<IResult> ListSlaBreachesAsync(HttpRequest request) =>
        queries.ListSlaBreachesAsync(request, request.HttpContext.RequestAborted);

    public static IResult OpenApi() => Results.Text(OpenApiDocument.Json, "application/json");
}

/// <summary>Every route, relative to <c>/api</c> (the Functions route prefix).</summary>
public static class Routes
{
    public const string Services = "v1/services";
    public const string Service = "v1/services/{service_id}";
    public const string ServiceDiagram = "v1/services/{service_id}/diagram";
    public const string Applications = "v1/services/{service_id}/applications";
    public const string Evidence = "v1/services/{service_id}/evidence";
    public const string Application = "v1/applications/{case_id}";
    public const string Information = "v1/applications/{case_id}/information";
    public const string PayWebhook = "v1/webhooks/pay";
    public const string ServiceCases = "v1/services/{service_id}/cases";
    public const string SlaBreaches = "v1/cases/sla-breaches";
    public const string OpenApi = "v1/openapi.json";
}
