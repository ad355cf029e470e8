using Microsoft.Extensions.Options;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Identity;
using Serverless.Workflows.Payments;

namespace Serverless.Workflows.Journeys.Activities;

/// <summary>
/// Step 1 (and 2's request): checks the verified identity against the service's required level, acknowledges receipt,
/// and, for a paid service, creates the payment in the department's Pay account and tells the citizen.
/// </summary>
public sealed class CaseOpener(JourneyStepContext step, CaseCloser closer, IPaymentGateway payments, IOptions<JourneyOptions> options)
{
    public async Task<OpenedJourney> OpenAsync(string caseId, CancellationToken cancellationToken)
    {
        var (record, definition) = await step.LoadAsync(caseId, cancellationToken).ConfigureAwait(false);
        var responseWithin = IsoDuration.Parse(definition.InformationResponseWithin);

        if (!IdentityLevels.Meets(record.Identity.Level, definition.IdentityLevel))
        {
            var refused = false;
            await step.UpdateAsync(caseId, c => refused = JourneyStepContext.RecordOnce(c, TimelineMilestones.IdentityInsufficient, Actors.Platform, step.Now), cancellationToken)
                .ConfigureAwait(false);
            if (refused)
                step.Telemetry.JourneyStarted(definition.Key);
            await closer.CloseAsync(caseId, CloseReasons.IdentityInsufficient, cancellationToken).ConfigureAwait(false);
            return new OpenedJourney(false, definition.Department.Id, null, responseWithin);
        }

        var now = step.Now;
        var started = false;
        record = await step.UpdateAsync(caseId, c =>
        {
            started = JourneyStepContext.RecordOnce(c, TimelineMilestones.IdentityVerified, Actors.Platform, now);
            return started;
        }, cancellationToken).ConfigureAwait(false);
        if (started)
        {
            step.Telemetry.JourneyStarted(definition.Key);
            step.Telemetry.StepCompleted(definition.Key, JourneySteps.Identity, now - record.SubmittedAt);
        }
        await step.Notifier.NotifyOnceAsync(record, definition, Milestones.Received, cancellationToken).ConfigureAwait(false);

        if (definition.FeePence is not { } fee)
            return new OpenedJourney(true, definition.Department.Id, null, responseWithin);

        record = await RequestPaymentAsync(record, definition, fee, cancellationToken).ConfigureAwait(false);
        await step.Notifier.NotifyOnceAsync(record, definition, Milestones.PaymentRequested, cancellationToken).ConfigureAwait(false);
        return new OpenedJourney(true, definition.Department.Id, record.Payment!.ExpiresAt, responseWithin);
    }

    private async Task<CaseRecord> RequestPaymentAsync(CaseRecord record, ServiceDefinition definition, int fee, CancellationToken cancellationToken)
    {
        if (record.Payment is not null)
            return record;

        // The case id keys the payment: a retried step gets the same payment back from Pay, never a second charge.
        var created = await payments.CreatePaymentAsync(definition.Accounts.Pay!, new PaymentRequest(
            fee, record.Reference, definition.Name,
            new Uri(options.Value.PublicBaseUrl, $"api/v1/applications/{record.Id}"), record.Id, record.Id + ":payment",
            record.ServiceId, record.DefinitionVersion, PaymentLanguages.Of(record.Application)),
            cancellationToken).ConfigureAwait(false);

        var now = step.Now;
        return await step.UpdateAsync(record.Id, c =>
        {
            if (c.Payment is not null)
                return false;
            c.Payment = new PaymentRecord
            {
                PaymentId = created.PaymentId, AmountPence = fee, Status = PayStatuses.Created,
                NextUrl = created.NextUrl.ToString(), ExpiresAt = created.ExpiresAt,
            };
            CaseTransitions.Move(c, CaseStatus.AwaitingPayment, "request payment");
            c.Step = JourneySteps.Payment;
            JourneyStepContext.RecordOnce(c, TimelineMilestones.PaymentRequested, Actors.Platform, now);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }
}
