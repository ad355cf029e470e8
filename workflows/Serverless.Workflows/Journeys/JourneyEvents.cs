namespace Serverless.Workflows.Journeys;

/// <summary>External events the journey waits for. Payloads carry ids and outcomes only: the data stays on the case.</summary>
public static class JourneyEvents
{
    public const string Payment = "payment";
    public const string Decision = "decision";
    public const string Information = "information";

    /// <summary>An operator's answer to a parked journey (ServiceJourney_v2 on): <see cref="OperatorAction"/>.</summary>
    public const string Operator = "operator";
}

/// <summary>
/// An operator retries the parked step or withdraws the case (<see cref="OperatorActionKinds"/>). The actor is the
/// operator's staff id and the reason an operational note: both land in the journey's history, so never personal data.
/// </summary>
public sealed record OperatorAction(string Action, string Actor, string Reason);

public static class OperatorActionKinds
{
    public const string Retry = "retry";
    public const string Withdraw = "withdraw";
}

/// <summary>A payment settled (from Pay's webhook).</summary>
public sealed record PaymentSettled(string PaymentId, string Outcome);

/// <summary>
/// A department's decision (from the decisions queue). The id is the CloudEvent id, for deduplication. The reason is
/// free text that may be personal, so it stays on the case (<see cref="Cases.CaseRecord.DecisionsReceived"/>).
/// </summary>
public sealed record DecisionMade(string DecisionId, string DepartmentId, string Outcome);

/// <summary>The citizen answered a request for more information; the answer itself is on the case.</summary>
public sealed record InformationProvided(string DecisionId);
