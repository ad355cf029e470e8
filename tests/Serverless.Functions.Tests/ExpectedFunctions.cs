using Serverless.Workflows.Api;
using Serverless.Workflows.Hosting;
using Serverless.Workflows.Identity;
using Serverless.Workflows.Journeys;
using Serverless.Workflows.Notifications;
using Serverless.Workflows.Operations;

namespace Serverless.Functions.Tests;

/// <summary>
/// The functions the app must publish. HTTP, queue and timer functions are listed by hand (adding one means adding it
/// here); the orchestrator and activities come from the engine's own registration list, as the self-host's do.
/// </summary>
public static class ExpectedFunctions
{
    public sealed record Http(string Name, string Route, string Method, string AuthLevel, bool DurableClient);

    public sealed record Timer(string Name, string Schedule, bool DurableClient);

    public const string FunctionKey = "Function";
    public const string Anonymous = "Anonymous";
    public const string DecisionQueueFunction = "ReceiveDecision";

    public static IReadOnlyList<Http> HttpFunctions { get; } =
    [
        new("ListServices", Routes.Services, "GET", FunctionKey, DurableClient: false),
        new("GetService", Routes.Service, "GET", FunctionKey, DurableClient: false),
        new("GetServiceDiagram", Routes.ServiceDiagram, "GET", FunctionKey, DurableClient: false),
        new("SubmitApplication", Routes.Applications, "POST", FunctionKey, DurableClient: true),
        new("UploadEvidence", Routes.Evidence, "POST", FunctionKey, DurableClient: false),
        new("GetApplication", Routes.Application, "GET", FunctionKey, DurableClient: false),
        new("ProvideInformation", Routes.Information, "POST", FunctionKey, DurableClient: true),
        new("ListCases", Routes.ServiceCases, "GET", FunctionKey, DurableClient: false),
        new("ListSlaBreaches", Routes.SlaBreaches, "GET", FunctionKey, DurableClient: false),
        // Operators sign in with Entra ID (App Service authentication); OpsHttpApi checks their role and department.
        new("OpsSearchCases", OpsRoutes.Cases, "GET", Anonymous, DurableClient: false),
        new("OpsGetCase", OpsRoutes.Case, "GET", Anonymous, DurableClient: true),
        new("OpsRetryCase", OpsRoutes.Retry, "POST", Anonymous, DurableClient: true),
        new("OpsWithdrawCase", OpsRoutes.Withdraw, "POST", Anonymous, DurableClient: true),
        new("OpsTerminateCase", OpsRoutes.Terminate, "POST", Anonymous, DurableClient: true),
        new("OpsRedriveDecisions", OpsRoutes.RedriveDecisions, "POST", Anonymous, DurableClient: false),
        new("HealthLive", HealthRoutes.Live, "GET", Anonymous, DurableClient: false),
        new("HealthReady", HealthRoutes.Ready, "GET", Anonymous, DurableClient: true),
        new("SandboxIssueToken", SandboxRoutes.IdentityTokens, "POST", FunctionKey, DurableClient: false),
        new("SandboxNotifications", SandboxRoutes.Notifications, "GET", FunctionKey, DurableClient: false),
        // The identity sandbox's public key is public, as One Login's did.json is.
        new("SandboxIdentityKeys", IdentityRoutes.SandboxKeys, "GET", Anonymous, DurableClient: false),
        // The sandbox's payment page is the citizen's browser's.
        new("SandboxPaymentPage", SandboxRoutes.PaymentPage, "GET", Anonymous, DurableClient: false),
        new("SandboxCompletePayment", SandboxRoutes.CompletePayment, "POST", Anonymous, DurableClient: false),
        // The Pay sandbox's API checks the sandbox account's Pay API key itself, as Pay does.
        new("SandboxPayCreatePayment", SandboxRoutes.PayPayments, "POST", Anonymous, DurableClient: false),
        new("SandboxPayGetPayment", SandboxRoutes.PayPayment, "GET", Anonymous, DurableClient: false),
        new("SandboxPayRefund", SandboxRoutes.PayRefunds, "POST", Anonymous, DurableClient: false),
        new("SandboxPayListRefunds", SandboxRoutes.PayRefunds, "GET", Anonymous, DurableClient: false),
        new("SandboxPayThrottle", SandboxRoutes.PayThrottle, "POST", Anonymous, DurableClient: false),
        // Pay authenticates by signing the body; the OpenAPI document is public.
        new("PayWebhook", Routes.PayWebhook, "POST", Anonymous, DurableClient: true),
        new("OpenApiDocument", Routes.OpenApi, "GET", Anonymous, DurableClient: false),
        // Notify's receipts carry its bearer token; the Notify sandbox checks Notify's own API-key JWT.
        new("NotifyCallback", NotifyRoutes.Callback, "POST", Anonymous, DurableClient: false),
        new("NotifySandboxSendEmail", NotifyRoutes.SandboxEmail, "POST", Anonymous, DurableClient: false),
        new("NotifySandboxSendSms", NotifyRoutes.SandboxSms, "POST", Anonymous, DurableClient: false),
        new("NotifySandboxGetMessage", NotifyRoutes.SandboxMessage, "GET", Anonymous, DurableClient: false),
        new("NotifySandboxListMessages", NotifyRoutes.SandboxMessages, "GET", Anonymous, DurableClient: false),
    ];

    public static IReadOnlyList<Timer> TimerFunctions { get; } =
    [
        new("SweepOrphanedCases", "0 */5 * * * *", DurableClient: true),
        new("RedactExpiredCases", "0 30 2 * * *", DurableClient: false),
        new("MeasureOperations", "0 */5 * * * *", DurableClient: false),
    ];

    /// <summary>Names the self-host's DurableTaskCoreEngine registers: every orchestrator version and each activity by class name.</summary>
    public static IReadOnlyList<string> Orchestrators { get; } = [.. JourneyVersions.Orchestrators.Keys];

    public static IReadOnlyList<string> Activities { get; } = [.. WorkflowServices.Activities.Select(type => type.Name)];

    public static IReadOnlySet<string> AllNames { get; } = new SortedSet<string>(
        HttpFunctions.Select(f => f.Name)
            .Concat(TimerFunctions.Select(f => f.Name))
            .Append(DecisionQueueFunction)
            .Concat(Orchestrators)
            .Concat(Activities),
        StringComparer.Ordinal);

    public static TheoryData<string> HttpFunctionNames() => [.. HttpFunctions.Select(f => f.Name)];

    public static TheoryData<string> TimerFunctionNames() => [.. TimerFunctions.Select(f => f.Name)];

    public static TheoryData<string> ActivityNames() => [.. Activities];
}
