using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Serverless.Workflows.Calendar;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Departments;
using Serverless.Workflows.Journeys.Activities;
using Serverless.Workflows.Payments;

namespace Serverless.Workflows.Journeys.V1;

/// <summary>
/// RELEASED, FROZEN: journeys started before ServiceJourney_v2 run this under its original name, "ServiceJourney", and
/// replay its code on every step. Do not change its awaits, activity names or inputs (see Journeys/README.md); the
/// replay tests over its recorded histories fail if you do. New journeys start on <see cref="JourneyVersions.Current"/>.
///
/// The one generic journey every service runs: identity, payment, department hand-off, decision, with notifications at
/// each milestone. Its input is the case id alone; the pinned definition reaches it only through activity results.
/// Each activity is a milestone step that records its milestone, notifies and sends its messages idempotently, so the
/// journey costs a few steps rather than one per side effect (every step is ~9 storage requests on Azure Storage).
/// </summary>
public sealed partial class ServiceJourneyV1 : TaskOrchestrator<string, JourneyOutcome>
{
    public const string Name = JourneyVersions.V1;

    /// <summary>
    /// Bounds the decision loop so history cannot grow without limit. A round is a reminder, an escalation, a request for
    /// information or an ignored duplicate: a department resending the same message hundreds of times is a fault to see.
    /// </summary>
    private const int MaxDecisionRounds = 500;

    /// <summary>
    /// Every external call may fail transiently: retry with backoff before failing the journey. The waits are
    /// 5+10+20+40+80 s = 155 s (about 2.5 minutes, not the seven once claimed here); v2 sizes its windows per step.
    /// </summary>
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 6, firstRetryInterval: TimeSpan.FromSeconds(5), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(3)));

    public override async Task<JourneyOutcome> RunAsync(TaskOrchestrationContext context, string caseId)
    {
        try
        {
            return await RunStepsAsync(context, caseId);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // A step failed after all its retries (or the journey gave up): put it on the case and in front of ops, then fail.
            var failedStep = failure is TaskFailedException step ? step.TaskName : Name;
            await context.CallActivityAsync(nameof(RecordJourneyFailureActivity), new JourneyFailure(caseId, failedStep), Retry);
            throw;
        }
    }

    private static async Task<JourneyOutcome> RunStepsAsync(TaskOrchestrationContext context, string caseId)
    {
        Progress(context, JourneySteps.Identity);
        var opened = await context.CallActivityAsync<OpenedJourney>(nameof(OpenCaseActivity), caseId, Retry);
        if (!opened.IdentityAccepted)
            return new JourneyOutcome(CaseStatus.Closed, CloseReasons.IdentityInsufficient);

        if (opened.PaymentExpiresAt is { } expiresAt)
        {
            Progress(context, JourneySteps.Payment);
            var paid = await WaitForPaymentAsync(context, caseId, expiresAt);
            if (paid != PaymentOutcomes.Succeeded)
                return await CloseAsync(context, caseId, paid == PaymentOutcomes.Failed ? CloseReasons.PaymentFailed : CloseReasons.PaymentExpired);
        }

        Progress(context, JourneySteps.Department);
        var deadlines = await context.CallActivityAsync<DepartmentDeadlines>(nameof(HandOffActivity), caseId, Retry);
        return await AwaitDecisionAsync(context, caseId, opened, deadlines);
    }

    private static async Task<string> WaitForPaymentAsync(TaskOrchestrationContext context, string caseId, DateTimeOffset expiresAt)
    {
        var settled = await WaitUntilAsync(context.WaitForExternalEvent<PaymentSettled>(JourneyEvents.Payment), context, expiresAt);
        if (settled is not null)
            return settled.Outcome;

        // The payment's expiry passed with no webhook: webhooks can be late or lost, so ask Pay once more.
        return await context.CallActivityAsync<string>(nameof(CheckPaymentActivity), caseId, Retry);
    }

    private static async Task<JourneyOutcome> AwaitDecisionAsync(
        TaskOrchestrationContext context, string caseId, OpenedJourney opened, DepartmentDeadlines deadlines)
    {
        var log = context.CreateReplaySafeLogger<ServiceJourneyV1>();
        var handled = new HashSet<string>(StringComparer.Ordinal);
        bool reminded = false, escalated = false;

        // One waiter at a time: a second waiter for the same event would queue behind the first and miss it.
        var decision = context.WaitForExternalEvent<DecisionMade>(JourneyEvents.Decision);
        for (var round = 0; round < MaxDecisionRounds; round++)
        {
            DateTimeOffset? nextDeadline = !reminded ? deadlines.RemindAt : !escalated ? deadlines.DueAt : null;
            if (nextDeadline is { } at && await WaitUntilAsync(decision, context, at) is null)
            {
                if (!reminded)
                {
                    reminded = true;
                    await context.CallActivityAsync(nameof(RemindDepartmentActivity), caseId, Retry);
                }
                else
                {
                    escalated = true;
                    await context.CallActivityAsync(nameof(EscalateCaseActivity), caseId, Retry);
                }
                continue;
            }

            var made = await decision;
            decision = context.WaitForExternalEvent<DecisionMade>(JourneyEvents.Decision);
            if (!handled.Add(made.DecisionId))
            {
                LogDuplicateDecision(log, caseId, made.DecisionId);
                continue;
            }
            if (!string.Equals(made.DepartmentId, opened.DepartmentId, StringComparison.Ordinal))
            {
                LogForeignDecision(log, caseId, made.DecisionId);
                continue;
            }

            if (made.Outcome != DecisionOutcomes.InformationRequested)
                return await context.CallActivityAsync<JourneyOutcome>(nameof(ConcludeCaseActivity), new ConcludeCase(caseId, made), Retry);

            var pausedAt = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
            var respondBy = pausedAt + opened.InformationResponseWithin;
            await context.CallActivityAsync(nameof(RequestInformationActivity), new RequestInformation(caseId, made, respondBy), Retry);
            Progress(context, JourneySteps.Information);

            if (!await WaitForInformationAsync(context, made.DecisionId, respondBy)
                && await CloseAsync(context, caseId, CloseReasons.InformationNotProvided) is { Status: CaseStatus.Closed } closed)
                return closed;
            // Answered: in time, or saved just before the deadline with its event behind the timer (the closer saw it).

            // The SLA clock stopped while the citizen was answering; the activity moves the deadlines on by the pause.
            var resumedAt = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
            deadlines = await context.CallActivityAsync<DepartmentDeadlines>(
                nameof(ReturnToDepartmentActivity), new ReturnToDepartment(caseId, made.DecisionId, pausedAt, resumedAt), Retry);
            Progress(context, JourneySteps.Department);
        }

        throw new InvalidOperationException($"Case {caseId}: more than {MaxDecisionRounds} rounds without a decision.");
    }

    private static async Task<bool> WaitForInformationAsync(TaskOrchestrationContext context, string decisionId, DateTimeOffset respondBy)
    {
        for (var round = 0; round < MaxDecisionRounds; round++)
        {
            var answer = await WaitUntilAsync(context.WaitForExternalEvent<InformationProvided>(JourneyEvents.Information), context, respondBy);
            if (answer is null)
                return false;
            if (answer.DecisionId == decisionId)
                return true;
        }
        return false;
    }

    /// <summary>The event, or null if <paramref name="deadline"/> passes first. The timer is cancelled when the event wins.</summary>
    private static async Task<T?> WaitUntilAsync<T>(Task<T> pending, TaskOrchestrationContext context, DateTimeOffset deadline)
        where T : class
    {
        using var cancel = new CancellationTokenSource();
        var timer = context.CreateTimer(deadline.UtcDateTime, cancel.Token);
        if (await Task.WhenAny(pending, timer) != pending)
            return null;
        cancel.Cancel();
        return await pending;
    }

    private static Task<JourneyOutcome> CloseAsync(TaskOrchestrationContext context, string caseId, string reason) =>
        context.CallActivityAsync<JourneyOutcome>(nameof(CloseCaseActivity), new CloseCase(caseId, reason), Retry);

    private static void Progress(TaskOrchestrationContext context, string step) => context.SetCustomStatus(new JourneyProgress(step));

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId}: duplicate decision {DecisionId} ignored")]
    private static partial void LogDuplicateDecision(ILogger log, string caseId, string decisionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: decision {DecisionId} from another department ignored")]
    private static partial void LogForeignDecision(ILogger log, string caseId, string decisionId);
}
