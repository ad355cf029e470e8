using System.Net;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Departments;
using Serverless.Workflows.Journeys;
using Serverless.Workflows.Payments;
using static Serverless.Workflows.Tests.Journeys.TestDefinitions;

namespace Serverless.Workflows.Tests.Journeys;

/// <summary>
/// The live Pay adapter against the Pay sandbox over loopback HTTP, inside whole journeys: every exchange is checked
/// against Pay's own OpenAPI document, and Pay's rules (accounts, idempotency, rate limit, out-of-order webhooks) hold.
/// </summary>
public sealed class PayAdapterJourneyTests
{
    [Fact]
    public async Task Every_exchange_of_a_paid_and_refunded_journey_conforms_to_Pays_OpenAPI()
    {
        await using var journey = await JourneyHarness.StartAsync(JourneyVersions.Current, Shipped());
        var (_, caseId, _) = await journey.SubmitAsync(Fishing, ExampleApplications.For(Fishing));
        var awaiting = await journey.WaitForStatusAsync(caseId!, CaseStatus.AwaitingPayment);
        await journey.PaymentWebhookAsync(caseId!, PayEventTypes.Succeeded);
        await journey.WaitForStatusAsync(caseId!, CaseStatus.WithDepartment);
        await journey.DecideAsync(caseId!, DecisionOutcomes.Rejected, "Not eligible.");
        await journey.WaitForCaseAsync(caseId!, c => c.Payment?.RefundId is not null, "refunded");

        var exchanges = journey.PayExchanges.Exchanges;
        Assert.Contains(exchanges, e => e is { Method: "POST", Path: "/v1/payments", Status: 201 });
        Assert.Contains(exchanges, e => e.Method == "POST" && e.Path.EndsWith("/refunds", StringComparison.Ordinal) && e.Status == 200);
        Assert.Empty(journey.PayExchanges.Problems());

        var payment = (await journey.Pay.FindAsync(awaiting.Payment!.PaymentId, default))!;
        Assert.Equal(awaiting.Reference, payment.Request.Reference);
        Assert.Equal(caseId, payment.Request.Metadata!["case_id"].GetString());
        Assert.Equal(Fishing, payment.Request.Metadata!["service_id"].GetString());
        Assert.Equal(awaiting.DefinitionVersion, payment.Request.Metadata!["service_version"].GetInt32());
        Assert.Equal(PaymentLanguages.English, payment.Request.Language);
    }

    [Fact]
    public async Task A_Pay_429_storm_is_ridden_out_with_backoff_and_creates_one_payment()
    {
        await using var journey = await JourneyHarness.StartAsync(JourneyVersions.Current, Shipped());
        journey.Pay.Throttle(JourneyHarness.PayAccount, 3);

        var (_, caseId, _) = await journey.SubmitAsync(Fishing, ExampleApplications.For(Fishing));
        var awaiting = await journey.WaitForStatusAsync(caseId!, CaseStatus.AwaitingPayment);

        var creates = journey.PayExchanges.Exchanges.Where(e => e is { Method: "POST", Path: "/v1/payments" }).ToList();
        Assert.Equal([429, 429, 429, 201], creates.Select(e => e.Status));
        Assert.Single(creates.Select(e => e.RequestHeaders["Idempotency-Key"]).Distinct());
        Assert.Contains(awaiting.Payment!.PaymentId, creates[^1].ResponseBody, StringComparison.Ordinal);
        Assert.Empty(journey.PayExchanges.Problems());
    }

    [Fact]
    public async Task A_webhook_signed_with_another_accounts_secret_is_refused()
    {
        await using var journey = await JourneyHarness.StartAsync(JourneyVersions.Current, Shipped());
        var (_, caseId, _) = await journey.SubmitAsync(Fishing, ExampleApplications.For(Fishing));
        await journey.WaitForStatusAsync(caseId!, CaseStatus.AwaitingPayment);

        Assert.Equal(401, await journey.PaymentWebhookAsync(caseId!, PayEventTypes.Succeeded, secret: JourneyHarness.OtherAccountWebhookSecret));

        Assert.Equal(PayStatuses.Created, (await journey.Cases.FindAsync(caseId!, default))!.Payment!.Status);
        Assert.Equal(200, await journey.PaymentWebhookAsync(caseId!, PayEventTypes.Succeeded));
        await journey.WaitForStatusAsync(caseId!, CaseStatus.WithDepartment);
    }

    [Fact]
    public async Task A_late_failure_after_success_never_undoes_the_payment()
    {
        await using var journey = await JourneyHarness.StartAsync(JourneyVersions.Current, Shipped());
        var (_, caseId, _) = await journey.SubmitAsync(Fishing, ExampleApplications.For(Fishing));
        await journey.WaitForStatusAsync(caseId!, CaseStatus.AwaitingPayment);
        // The success was recorded on the case, but its event never reached the journey (a crash in between; Pay
        // will redeliver it). A failure delivered now, out of order, must settle the journey as paid.
        await journey.Cases.UpdateAsync(caseId!, c =>
        {
            c.Payment!.Status = PayStatuses.Success;
            return true;
        }, default);

        Assert.Equal(200, await journey.PaymentWebhookAsync(caseId!, PayEventTypes.Failed));

        var handedOff = await journey.WaitForStatusAsync(caseId!, CaseStatus.WithDepartment);
        Assert.Equal(PayStatuses.Success, handedOff.Payment!.Status);
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_same_payment_and_with_another_body_is_409_P0191()
    {
        await using var journey = await JourneyHarness.StartAsync(JourneyVersions.Current, Shipped());
        var pay = journey.Get<IPaymentGateway>();
        var request = new PaymentRequest(3300, "REF-1", "Rod fishing licence", new Uri("http://127.0.0.1/return"), "case-1", "case-1:payment", Fishing, 2);

        var first = await pay.CreatePaymentAsync(JourneyHarness.PayAccount, request, default);
        var again = await pay.CreatePaymentAsync(JourneyHarness.PayAccount, request, default);
        var refused = await Assert.ThrowsAsync<PayApiException>(() =>
            pay.CreatePaymentAsync(JourneyHarness.PayAccount, request with { AmountPence = 100 }, default));

        Assert.Equal(first.PaymentId, again.PaymentId);
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal(PayCodes.IdempotencyKeyReused, refused.Code);
        Assert.Single(journey.PayExchanges.Exchanges, e => e.Status == 409); // a 4xx is never retried
        Assert.Equal([], journey.PayExchanges.Problems());
    }

    [Fact]
    public async Task A_declined_payment_reported_at_expiry_closes_the_case_as_failed()
    {
        await using var journey = await JourneyHarness.StartAsync(JourneyVersions.Current, Shipped(), paymentLifetime: TimeSpan.FromSeconds(2));
        var (_, caseId, _) = await journey.SubmitAsync(Fishing, ExampleApplications.For(Fishing));
        var record = await journey.WaitForStatusAsync(caseId!, CaseStatus.AwaitingPayment);
        await journey.Pay.SettleAsync(record.Payment!.PaymentId, PayStatuses.Failed, PayCodes.Declined, default); // the webhook never came

        var end = await journey.WaitForJourneyEndAsync(caseId!);

        Assert.Equal(new JourneyOutcome(CaseStatus.Closed, CloseReasons.PaymentFailed), end.ReadOutputAs<JourneyOutcome>());
    }
}
