using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Serverless.Workflows.Api;

namespace Serverless.Workflows.Payments;

/// <summary>The Pay sandbox's routes on an ASP.NET Core host (the self-host, and tests' loopback servers); the Functions app has one function per route.</summary>
public static class PaySandboxEndpoints
{
    /// <summary>Maps under <paramref name="api"/> (the <c>/api</c> group). The page is the citizen's browser's; the API checks Pay API keys itself.</summary>
    public static IEndpointRouteBuilder MapPaySandbox(this IEndpointRouteBuilder api)
    {
        api.MapGet(SandboxRoutes.PaymentPage, (PaySandboxHttpApi s, HttpRequest r, string payment_id) => s.PaymentPageAsync(r, payment_id));
        api.MapPost(SandboxRoutes.CompletePayment, (PaySandboxHttpApi s, HttpRequest r, string payment_id) => s.CompletePaymentAsync(r, payment_id));
        api.MapPost(SandboxRoutes.PayPayments, (PaySandboxHttpApi s, HttpRequest r) => s.CreatePaymentAsync(r));
        api.MapGet(SandboxRoutes.PayPayment, (PaySandboxHttpApi s, HttpRequest r, string payment_id) => s.GetPaymentAsync(r, payment_id));
        api.MapPost(SandboxRoutes.PayRefunds, (PaySandboxHttpApi s, HttpRequest r, string payment_id) => s.RefundAsync(r, payment_id));
        api.MapGet(SandboxRoutes.PayRefunds, (PaySandboxHttpApi s, HttpRequest r, string payment_id) => s.ListRefundsAsync(r, payment_id));
        api.MapPost(SandboxRoutes.PayThrottle, (PaySandboxHttpApi s, HttpRequest r) => s.ThrottleAsync(r));
        return api;
    }
}
