using System.Text.Json;
using Microsoft.Extensions.Logging;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Journeys;
using Serverless.Workflows.Telemetry;

namespace Serverless.Workflows.Departments;

/// <summary>
/// Takes a message off the decisions queue. A message our code refuses (malformed, unknown case, wrong department,
/// case not awaiting a decision) goes to <c>decisions-poison</c> wrapped with the reason, and is not retried. A decision
/// for a finished case is a harmless duplicate and is dropped. A decision for a case not yet with the department but
/// still on its way there (or read stale from another replica) is put back on the queue, visible again after
/// <see cref="DeferDelay"/>, for as long as the case can still get there. Transient failures throw, so the queue retries
/// and, after maxDequeueCount, the host moves the message to the poison queue.
/// </summary>
public sealed partial class DecisionIntake(
    ICaseStore cases, IDepartmentQueues queues, MessageContracts contracts, IJourneyTelemetry telemetry, TimeProvider clock, ILogger<DecisionIntake> log)
{
    /// <summary>How long a decision that came early waits before it is tried again.</summary>
    public static readonly TimeSpan DeferDelay = TimeSpan.FromSeconds(30);

    public async Task<DecisionIntakeResult> HandleAsync(string message, long dequeueCount, IJourneyClient journeys, CancellationToken cancellationToken)
    {
        var (decision, reason, caseId, refusal) = Parse(message);
        if (refusal is not null)
            return await RefuseAsync(message, dequeueCount, refusal, cancellationToken).ConfigureAwait(false);

        var record = await cases.FindAsync(caseId!, cancellationToken).ConfigureAwait(false);
        if (record is null)
            return await RefuseAsync(message, dequeueCount, $"unknown_case: no case '{caseId}'.", cancellationToken).ConfigureAwait(false);
        if (record.DepartmentId != decision!.DepartmentId)
            return await RefuseAsync(message, dequeueCount, $"wrong_department: case '{caseId}' is not with department '{decision.DepartmentId}'.", cancellationToken)
                .ConfigureAwait(false);
        if (CaseStatus.IsFinished(record.Status) || record.DecisionsReceived.Exists(d => d.DecisionId == decision.DecisionId))
        {
            // A redelivered message: harmless. If the case still waits for a decision, the first delivery may not have
            // reached the journey, so it is raised again (the journey drops ids it has seen).
            if (AwaitsDecision(record))
            {
                await journeys.RaiseEventAsync(caseId!, JourneyEvents.Decision, decision, cancellationToken).ConfigureAwait(false);
                return DecisionIntakeResult.Accepted;
            }
            LogDuplicate(log, caseId!, decision.DecisionId);
            return DecisionIntakeResult.Ignored;
        }
        if (CanStillReachDepartment(record))
        {
            // A copy goes back first and only then is this delivery completed, so a crash between the two duplicates the
            // decision (which is then dropped by id) rather than losing it. A fresh copy starts its dequeue count again.
            await queues.RequeueAsync(QueueNames.Decisions, message, DeferDelay, cancellationToken).ConfigureAwait(false);
            LogDeferred(log, caseId!, record.Status);
            return DecisionIntakeResult.Deferred;
        }
        if (!AwaitsDecision(record))
            return await RefuseAsync(message, dequeueCount, $"case_not_awaiting_decision: case '{caseId}' is '{record.Status}'.", cancellationToken)
                .ConfigureAwait(false);

        // The reason may be personal: it goes on the case, and the journey is told only the decision's id and outcome.
        var received = new DecisionRecord(decision.DecisionId, decision.Outcome, reason!, clock.GetUtcNow());
        await cases.UpdateAsync(caseId!, c =>
        {
            if (c.DecisionsReceived.Exists(d => d.DecisionId == received.DecisionId))
                return false;
            c.DecisionsReceived.Add(received);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        await journeys.RaiseEventAsync(caseId!, JourneyEvents.Decision, decision, cancellationToken).ConfigureAwait(false);
        return DecisionIntakeResult.Accepted;
    }

    /// <summary>
    /// With the department, or parked there on a failed step: a parked journey holds the decision and processes it after
    /// the operator's retry, so it is taken now rather than dropped.
    /// </summary>
    private static bool AwaitsDecision(CaseRecord record) =>
        record.Status == CaseStatus.WithDepartment
        || (record.Status == CaseStatus.NeedsAttention && record.Attention?.ParkedFrom == CaseStatus.WithDepartment);

    private (DecisionMade? Decision, string? Reason, string? CaseId, string? Refusal) Parse(string message)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(message);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return (null, null, null, "malformed: the message is not JSON.");
        }
        var type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
            ? t.GetString()! : "";
        if (type != MessageTypes.Decision)
            return (null, null, null, $"malformed: 'type' must be '{MessageTypes.Decision}'.");
        var errors = contracts.Validate(type, root);
        if (errors.Count > 0)
            return (null, null, null, "malformed: " + string.Join("; ", errors.Select(e => $"{e.Pointer} {e.Message}")));

        var data = root.GetProperty("data");
        var decision = new DecisionMade(
            root.GetProperty("id").GetString()!,
            data.GetProperty("department_id").GetString()!,
            data.GetProperty("outcome").GetString()!);
        return (decision, data.GetProperty("reason").GetString(), root.GetProperty("subject").GetString(), null);
    }

    private async Task<DecisionIntakeResult> RefuseAsync(string message, long dequeueCount, string reason, CancellationToken cancellationToken)
    {
        await queues.SendToPoisonAsync(QueueNames.Decisions, new PoisonMessage(reason, message, dequeueCount), cancellationToken).ConfigureAwait(false);
        var code = reason.Split(':')[0];
        telemetry.PoisonMessage(QueueNames.Decisions, code);
        LogRefused(log, code);
        return DecisionIntakeResult.Refused;
    }

    /// <summary>Statuses a case passes through before the department has it.</summary>
    /// <summary>Not yet with the department, but on its way there (or parked on its way there, so an operator may resume it).</summary>
    private static bool CanStillReachDepartment(CaseRecord record) =>
        record.Status is CaseStatus.Submitted or CaseStatus.AwaitingPayment
        || (record.Status == CaseStatus.NeedsAttention && record.Attention?.ParkedFrom is CaseStatus.Submitted or CaseStatus.AwaitingPayment);

    [LoggerMessage(Level = LogLevel.Information, Message = "Decision for case {CaseId} came while it is '{Status}': tried again later")]
    private static partial void LogDeferred(ILogger log, string caseId, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Decision {DecisionId} for finished case {CaseId} dropped as a duplicate")]
    private static partial void LogDuplicate(ILogger log, string caseId, string decisionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Decision message moved to the poison queue: {Reason}")]
    private static partial void LogRefused(ILogger log, string reason);
}

public enum DecisionIntakeResult
{
    Accepted,
    Ignored,
    Refused,

    /// <summary>Came before the case reached the department: put back on the queue to be tried again later.</summary>
    Deferred,
}
