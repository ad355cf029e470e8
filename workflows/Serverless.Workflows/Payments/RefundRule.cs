using Serverless.Workflows.Cases;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Journeys;

namespace Serverless.Workflows.Payments;

/// <summary>
/// The one rule for the money on a paid case, by how the case ended. Every place that refunds asks it: concluding a
/// decision, closing a case, the operator's withdraw, and Pay's success webhook arriving for a case already ended.
/// An ending missing from the table is a programming error, so a new close reason cannot slip through unrefunded.
/// </summary>
public static class RefundRule
{
    public enum Policy
    {
        /// <summary>The citizen got what they paid for: a decision on their application.</summary>
        Keep,

        /// <summary>The service's definition decides (<c>refund_on_rejection</c>).</summary>
        PerDefinition,

        /// <summary>The citizen paid for nothing they received: refund whatever was taken.</summary>
        Refund,
    }

    /// <summary>The table, keyed by ending: the final status, or the close reason of a closed case.</summary>
    public static IReadOnlyDictionary<string, Policy> Table { get; } = new Dictionary<string, Policy>(StringComparer.Ordinal)
    {
        [CaseStatus.Approved] = Policy.Keep,
        [CaseStatus.Rejected] = Policy.PerDefinition,
        // Closed before any decision: the money (if a payment succeeded after all, late) goes back.
        [CloseReasons.PaymentFailed] = Policy.Refund,
        [CloseReasons.PaymentExpired] = Policy.Refund,
        [CloseReasons.IdentityInsufficient] = Policy.Refund,
        [CloseReasons.Withdrawn] = Policy.Refund,
        [CloseReasons.Terminated] = Policy.Refund,
        // The department assessed the case and the citizen did not complete it: treated as a rejection.
        [CloseReasons.InformationNotProvided] = Policy.PerDefinition,
        // A v1 journey that stopped on a failed step may have failed after its decision: ops decide, nothing automatic.
        [CaseStatus.Failed] = Policy.Keep,
    };

    /// <summary>The ending of a finished case: its status, or its close reason if it closed.</summary>
    public static string EndingOf(CaseRecord record) =>
        record.Status == CaseStatus.Closed ? record.Outcome ?? throw new InvalidOperationException($"Closed case {record.Id} has no reason.") : record.Status;

    /// <summary>Whether money taken on a case that ended this way is refunded.</summary>
    public static bool Refunds(string ending, ServiceDefinition definition) =>
        (Table.TryGetValue(ending, out var policy) ? policy : throw new InvalidOperationException($"No refund rule for the ending '{ending}'.")) switch
        {
            Policy.Refund => true,
            Policy.PerDefinition => definition.RefundOnRejection,
            _ => false,
        };

    /// <summary>
    /// One key per case and kind of refund, so a retried or repeated refund returns the first. Closed cases keep the key the
    /// closer and the webhook shared before this rule (a refund retried across the deploy keeps its key).
    /// </summary>
    public static string IdempotencyKey(CaseRecord record) => record.Id + (record.Status == CaseStatus.Closed ? ":late-refund" : ":refund");
}
