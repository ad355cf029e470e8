using Serverless.Workflows.Api;
using Serverless.Workflows.Identity;
using Serverless.Workflows.Payments;
using Serverless.Workflows.Journeys;
using Serverless.Workflows.Operations;

namespace Serverless.SelfHost.Endpoints;

/// <summary>The public API on the self-host: each endpoint is one call into <see cref="JourneyHttpApi"/>, as in the Functions app.</summary>
public static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapJourneyApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        var frontends = api.MapGroup("").AddEndpointFilter<FrontendApiKeyFilter>();
        var operators = api.MapGroup("").AddEndpointFilter<OperatorApiKeyFilter>();

        frontends.MapGet(Routes.Services, (JourneyHttpApi h) => h.ListServices());
        frontends.MapGet(Routes.Service, (JourneyHttpApi h, string service_id) => h.GetService(service_id));
        frontends.MapGet(Routes.ServiceDiagram, (JourneyHttpApi h, string service_id) => h.GetServiceDiagram(service_id));
        frontends.MapPost(Routes.Applications, (JourneyHttpApi h, HttpRequest r, string service_id, IJourneyClient j) => h.SubmitAsync(r, service_id, j));
        frontends.MapPost(Routes.Evidence, (JourneyHttpApi h, HttpRequest r, string service_id) => h.UploadEvidenceAsync(r, service_id));
        frontends.MapGet(Routes.Application, (JourneyHttpApi h, HttpRequest r, string case_id) => h.GetApplicationAsync(r, case_id));
        frontends.MapPost(Routes.Information, (JourneyHttpApi h, HttpRequest r, string case_id, IJourneyClient j) => h.ProvideInformationAsync(r, case_id, j));

        operators.MapGet(Routes.ServiceCases, (JourneyHttpApi h, HttpRequest r, string service_id) => h.ListCasesAsync(r, service_id));
        operators.MapGet(Routes.SlaBreaches, (JourneyHttpApi h, HttpRequest r) => h.ListSlaBreachesAsync(r));

        // The operator API authenticates its callers itself (OpsHttpApi), with roles and department scope.
        api.MapGet(OpsRoutes.Cases, (OpsHttpApi o, HttpRequest r) => o.SearchAsync(r));
        api.MapGet(OpsRoutes.Case, (OpsHttpApi o, HttpRequest r, string case_id, IJourneyClient j) => o.GetCaseAsync(r, case_id, j));
        api.MapPost(OpsRoutes.Retry, (OpsHttpApi o, HttpRequest r, string case_id, IJourneyClient j) => o.RetryAsync(r, case_id, j));
        api.MapPost(OpsRoutes.Withdraw, (OpsHttpApi o, HttpRequest r, string case_id, IJourneyClient j) => o.WithdrawAsync(r, case_id, j));

        api.MapPost(OpsRoutes.Terminate, (OpsHttpApi o, HttpRequest r, string case_id, IJourneyClient j) => o.TerminateAsync(r, case_id, j));
        api.MapPost(OpsRoutes.RedriveDecisions, (PoisonRedrive p, HttpRequest r) => p.RedriveDecisionsAsync(r));
        api.MapGet(HealthRoutes.Live, HealthHttpApi.Live);
        api.MapGet(HealthRoutes.Ready, (HealthHttpApi h, HttpRequest r, IJourneyClient j) => h.ReadyAsync(r, j));

        // The platforms' sandboxes (404 unless Platforms:Mode is sandbox). The Pay sandbox checks Pay API keys itself.
        frontends.MapPost(SandboxRoutes.IdentityTokens, (SandboxHttpApi s, HttpRequest r) => s.IssueTokenAsync(r));
        frontends.MapGet(SandboxRoutes.Notifications, (SandboxHttpApi s, HttpRequest r) => s.NotificationsAsync(r));
        api.MapPaySandbox();

        // Pay authenticates by signing the body; the OpenAPI document is public.
        api.MapPost(Routes.PayWebhook, (JourneyHttpApi h, HttpRequest r, IJourneyClient j) => h.PayWebhookAsync(r, j));
        api.MapGet(Routes.OpenApi, JourneyHttpApi.OpenApi);
        api.MapNotifyApi();
        api.MapGet(IdentityRoutes.SandboxKeys, (SandboxHttpApi s) => s.IdentityKeys());
        return app;
    }
}
