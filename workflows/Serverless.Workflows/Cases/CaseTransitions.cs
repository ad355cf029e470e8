namespace Serverless.Workflows.Cases;

/// <summary>
/// The case's status machine as data: every allowed move, with the milestone that records it. Re-applying the status a
/// case already has is allowed (a retried step), anything else outside the table throws.
/// </summary>
public static class CaseTransitions
{
    private static readonly HashSet<(string From, string To)> Allowed =
    [
        (CaseStatus.Submitted, CaseStatus.AwaitingPayment),
        (CaseStatus.Submitted, CaseStatus.WithDepartment),
        (CaseStatus.Submitted, CaseStatus.Closed),
        (CaseStatus.AwaitingPayment, CaseStatus.WithDepartment),
        (CaseStatus.AwaitingPayment, CaseStatus.Closed),
        (CaseStatus.WithDepartment, CaseStatus.AwaitingInformation),
        (CaseStatus.WithDepartment, CaseStatus.Approved),
        (CaseStatus.WithDepartment, CaseStatus.Rejected),
        (CaseStatus.AwaitingInformation, CaseStatus.WithDepartment),
        (CaseStatus.AwaitingInformation, CaseStatus.Closed),
        (CaseStatus.Submitted, CaseStatus.Failed),
        (CaseStatus.AwaitingPayment, CaseStatus.Failed),
        (CaseStatus.WithDepartment, CaseStatus.Failed),
        (CaseStatus.AwaitingInformation, CaseStatus.Failed),
        .. Parkable.SelectMany(s => new[] { (s, CaseStatus.NeedsAttention), (CaseStatus.NeedsAttention, s) }),
        (CaseStatus.NeedsAttention, CaseStatus.Closed),
    ];

    /// <summary>
    /// Every status a journey can be parked from, and return to when the operator retries (the case records which one in
    /// <see cref="CaseRecord.Attention"/>). An operator's withdraw closes the parked case.
    /// </summary>
    private static string[] Parkable => [CaseStatus.Submitted, CaseStatus.AwaitingPayment, CaseStatus.WithDepartment, CaseStatus.AwaitingInformation];

    public static IReadOnlyCollection<(string From, string To)> Edges => Allowed;

    public static bool IsAllowed(string from, string to) => from == to || Allowed.Contains((from, to));

    /// <summary>Moves the case to <paramref name="to"/>, or throws if the table does not allow it.</summary>
    public static void Move(CaseRecord record, string to, string operation)
    {
        if (!IsAllowed(record.Status, to))
            throw new InvalidCaseTransitionException(record.Status, to, operation);
        record.Status = to;
    }
}

public sealed class InvalidCaseTransitionException(string from, string to, string operation)
    : InvalidOperationException($"A case cannot move from '{from}' to '{to}' by '{operation}'.")
{
    public string From { get; } = from;
    public string To { get; } = to;
    public string Operation { get; } = operation;
}
