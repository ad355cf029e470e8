using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Serverless.Workflows.Calendar;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Departments;
using Serverless.Workflows.Journeys.Activities;
using Serverless.Workflows.Payments;

namespace Serverless.Workflows.Journeys.V2;

/// <summary>
/// The journey new cases start on: identity, payment, department hand-off, decision, as in v1, with three differences.
/// A step that exhausts its retries parks the journey for ops (<c>needs_attention</c>) and waits for an operator's
/// retry or withdraw, instead of ending it. Retry windows are chosen per step (<see cref="JourneyRetryPolicies"/>).
/// The decision's notification and refund are steps of their own, so a Notify outage never holds back a decision.
/// Its input is the case id alone. RELEASED once deployed: change its awaits only under a new name (README.md here).
/// </summary>
public sealed partial class ServiceJourneyV2(JourneyRetryPolicies retries) : TaskOrchestrator<string, JourneyOutcome>
{
    public const string Name = JourneyVersions.V2;

    /// <summary>Reminders, escalations and requests for information: a department needing more is a fault to see.</summary>
    private const int MaxDecisionRounds = 500;

    /// <summary>
    /// Duplicate and foreign decisions are ignored and do not count as rounds, but each one adds an event to the history
    /// (a few hundred bytes, replayed on every step). Past this many the journey parks for ops, who can retry (the count
    /// starts again) or withdraw: history stays bounded without continue-as-new, which would have to carry the loop's state.
    /// </summary>
    private const int MaxIgnoredDecisions = 1000;

    /// <summary>The failed "step" a journey parks on when it hits one of its own limits.</summary>
    public const string DecisionRoundsExceeded = "decision_rounds_exceeded";
    public const string IgnoredDecisionsExceeded = "ignored_decisions_exceeded";

    public override async Task<JourneyOutcome> RunAsync(TaskOrchestrationContext context, string caseId)
    {
        var journey = new Run(context, caseId, retries);
        try
        {
            return await journey.StepsAsync();
        }
        catch (WithdrawnException)
        {
            // The operator withdrew the parked case: it closes, and the refund rule applies (withdrawn: refund).
            return await journey.StepAsync<JourneyOutcome>(nameof(CloseCaseActivity), new CloseCase(caseId, CloseReasons.Withdrawn), canWithdraw: false);
        }
    }

    /// <summary>One journey's state: the steps read as a sequence, each parking on failure.</summary>
    private sealed class Run(TaskOrchestrationContext context, string caseId, JourneyRetryPolicies retries)
    {
        // The decision loop's state outlives a park at its limits: the operator's retry carries on waiting with it.
        private readonly HashSet<string> _handled = new(StringComparer.Ordinal);
        private bool _reminded, _escalated;

        // One waiter per event name, reused until it completes: a second waiter would queue behind the first and miss
        // its event (v1's information loop left a timed-out waiter first in line, stealing the next answer).
        private Task<DecisionMade>? _decision;
        private Task<InformationProvided>? _answer;

        public async Task<JourneyOutcome> StepsAsync()
        {
            Progress(JourneySteps.Identity);
            var opened = await StepAsync<OpenedJourney>(nameof(OpenJourneyActivity), new OpenJourney(caseId, Name));
            if (!opened.IdentityAccepted)
                return new JourneyOutcome(CaseStatus.Closed, CloseReasons.IdentityInsufficient);

            if (opened.PaymentExpiresAt is { } expiresAt)
            {
                Progress(JourneySteps.Payment);
                var paid = await WaitForPaymentAsync(expiresAt);
                if (paid != PaymentOutcomes.Succeeded)
                    return await CloseAsync(paid == PaymentOutcomes.Failed ? CloseReasons.PaymentFailed : CloseReasons.PaymentExpired);
            }

            Progress(JourneySteps.Department);
            var deadlines = await StepAsync<DepartmentDeadlines>(nameof(HandOffActivity), caseId);
            return await AwaitDecisionAsync(opened, deadlines);
        }

        private async Task<string> WaitForPaymentAsync(DateTimeOffset expiresAt)
        {
            var settled = await WaitUntilAsync(context.WaitForExternalEvent<PaymentSettled>(JourneyEvents.Payment), expiresAt);
            if (settled is not null)
                return settled.Outcome;

            // The payment's expiry passed with no webhook: webhooks can be late or lost, so ask Pay once more.
            return await StepAsync<string>(nameof(CheckPaymentActivity), caseId);
        }

        private async Task<JourneyOutcome> AwaitDecisionAsync(OpenedJourney opened, DepartmentDeadlines deadlines)
        {
            _decision ??= context.WaitForExternalEvent<DecisionMade>(JourneyEvents.Decision);
            _answer ??= context.WaitForExternalEvent<InformationProvided>(JourneyEvents.Information);
            var log = context.CreateReplaySafeLogger<ServiceJourneyV2>();
            int rounds = 0, ignored = 0;
            while (rounds < MaxDecisionRounds && ignored < MaxIgnoredDecisions)
            {
                DateTimeOffset? nextDeadline = !_reminded ? deadlines.RemindAt : !_escalated ? deadlines.DueAt : null;
                if (nextDeadline is { } at && await WaitUntilAsync(_decision, at) is null)
                {
                    rounds++;
                    if (!_reminded)
                    {
                        _reminded = true;
                        await StepAsync<bool>(nameof(RemindDepartmentActivity), caseId);
                    }
                    else
                    {
                        _escalated = true;
                        await StepAsync<bool>(nameof(EscalateCaseActivity), caseId);
                    }
                    continue;
                }

                var made = await _decision;
                _decision = context.WaitForExternalEvent<DecisionMade>(JourneyEvents.Decision);
                if (!_handled.Add(made.DecisionId))
                {
                    ignored++;
                    LogDuplicateDecision(log, caseId, made.DecisionId);
                    continue;
                }
                if (!string.Equals(made.DepartmentId, opened.DepartmentId, StringComparison.Ordinal))
                {
                    ignored++;
                    LogForeignDecision(log, caseId, made.DecisionId);
                    continue;
                }

                if (made.Outcome != DecisionOutcomes.InformationRequested)
                    return await ConcludeAsync(made);

                rounds++;
                var pausedAt = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
                var respondBy = pausedAt + opened.InformationResponseWithin;
                await StepAsync<bool>(nameof(RequestInformationActivity), new RequestInformation(caseId, made, respondBy));
                Progress(JourneySteps.Information);

                bool answered;
                (answered, _answer) = await WaitForInformationAsync(_answer!, made.DecisionId, respondBy);
                if (!answered && await CloseAsync(CloseReasons.InformationNotProvided) is { Status: CaseStatus.Closed } closed)
                    return closed;
                // Answered: in time, or saved just before the deadline with its event behind the timer (the closer saw it).

                // The SLA clock stopped while the citizen was answering; the activity moves the deadlines on by the pause.
                var resumedAt = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
                deadlines = await StepAsync<DepartmentDeadlines>(
                    nameof(ReturnToDepartmentActivity), new ReturnToDepartment(caseId, made.DecisionId, pausedAt, resumedAt));
                Progress(JourneySteps.Department);
            }

            // A limit reached: ops look at the case; their retry waits on with fresh counts, a withdraw closes the case.
            await ParkAsync(rounds >= MaxDecisionRounds ? DecisionRoundsExceeded : IgnoredDecisionsExceeded, canWithdraw: true);
            return await AwaitDecisionAsync(opened, deadlines);
        }

        /// <summary>
        /// Waits for the answer to <paramref name="decisionId"/> on the journey's one information waiter. Returns the
        /// waiter to use next: the same one if the deadline passed (it is still first in line for the next answer),
        /// a fresh one once it has delivered. Answers to older requests are skipped.
        /// </summary>
        private async Task<(bool Answered, Task<InformationProvided> Next)> WaitForInformationAsync(
            Task<InformationProvided> waiter, string decisionId, DateTimeOffset respondBy)
        {
            // Bounded like the decision loop: past this many stale answers the request counts as unanswered.
            for (var stale = 0; stale < MaxIgnoredDecisions; stale++)
            {
                var got = await WaitUntilAsync(waiter, respondBy);
                if (got is null)
                    return (false, waiter);
                waiter = context.WaitForExternalEvent<InformationProvided>(JourneyEvents.Information);
                if (got.DecisionId == decisionId)
                    return (true, waiter);
            }
            return (false, waiter);
        }

        /// <summary>The decision stands first; its notification and the refund follow as their own steps.</summary>
        private async Task<JourneyOutcome> ConcludeAsync(DecisionMade made)
        {
            var outcome = await StepAsync<JourneyOutcome>(nameof(RecordDecisionActivity), new ConcludeCase(caseId, made));
            await NotifyAsync(CaseConcluder.MilestoneOf(outcome.Status));
            await StepAsync<bool>(nameof(RefundCaseActivity), caseId);
            return outcome;
        }

        /// <summary>A notification that fails after its own long retry is recorded and alerted; the journey goes on.</summary>
        private async Task NotifyAsync(string milestone)
        {
            var notice = new CitizenNotice(caseId, milestone);
            try
            {
                await context.CallActivityAsync<bool>(nameof(NotifyCitizenActivity), notice, retries.For(nameof(NotifyCitizenActivity)));
            }
            catch (TaskFailedException)
            {
                await StepAsync<bool>(nameof(RecordNotificationFailureActivity), notice);
            }
        }

        private Task<JourneyOutcome> CloseAsync(string reason) => StepAsync<JourneyOutcome>(nameof(CloseCaseActivity), new CloseCase(caseId, reason));

        /// <summary>Runs a step with its retry window; if it still fails, parks the journey until an operator retries it.</summary>
        public async Task<T> StepAsync<T>(string activity, object input, bool canWithdraw = true)
        {
            try
            {
                return await context.CallActivityAsync<T>(activity, input, retries.For(activity));
            }
            catch (TaskFailedException)
            {
                // Parked below: each further attempt waits for an operator, so the recursion is bounded by people.
            }
            await ParkAsync(activity, canWithdraw);
            return await StepAsync<T>(activity, input, canWithdraw);
        }

        /// <summary>Parks the journey and waits for an operator: returns on retry, throws <see cref="WithdrawnException"/> on withdraw.</summary>
        private async Task ParkAsync(string failedStep, bool canWithdraw)
        {
            await context.CallActivityAsync<bool>(nameof(ParkCaseActivity), new ParkJourney(caseId, failedStep), retries.For(nameof(ParkCaseActivity)));
            var action = await context.WaitForExternalEvent<OperatorAction>(JourneyEvents.Operator);
            if (action.Action == OperatorActionKinds.Withdraw && canWithdraw)
                throw new WithdrawnException();
            // Retry (or a withdraw while already withdrawing, which can only mean "try the close again").
            await context.CallActivityAsync<bool>(nameof(ResumeCaseActivity), caseId, retries.For(nameof(ResumeCaseActivity)));
        }

        /// <summary>The event, or null if <paramref name="deadline"/> passes first. The timer is cancelled when the event wins.</summary>
        private async Task<T?> WaitUntilAsync<T>(Task<T> pending, DateTimeOffset deadline)
            where T : class
        {
            using var cancel = new CancellationTokenSource();
            var timer = context.CreateTimer(deadline.UtcDateTime, cancel.Token);
            if (await Task.WhenAny(pending, timer) != pending)
                return null;
            cancel.Cancel();
            return await pending;
        }

        private void Progress(string step) => context.SetCustomStatus(new JourneyProgress(step));
    }

    private sealed class WithdrawnException : Exception;

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId}: duplicate decision {DecisionId} ignored")]
    private static partial void LogDuplicateDecision(ILogger log, string caseId, string decisionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: decision {DecisionId} from another department ignored")]
    private static partial void LogForeignDecision(ILogger log, string caseId, string decisionId);
}
