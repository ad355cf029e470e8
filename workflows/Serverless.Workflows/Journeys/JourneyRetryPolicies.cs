using Microsoft.DurableTask;
using Serverless.Workflows.Journeys.Activities;

namespace Serverless.Workflows.Journeys;

/// <summary>
/// How long each step of <see cref="V2.ServiceJourneyV2"/> keeps retrying before the journey parks for ops: windows sized
/// for real platform outages (tens of minutes), by what the step calls. A window is the sum of the waits between
/// attempts (<see cref="Window"/>; the attempts' own run time comes on top); the figures below are computed by a test.
/// The policy shapes the retry timers in a journey's history, so a change reaches journeys in flight only at their next
/// failed step; registered as a service so tests (the in-memory host) can put short windows behind it.
/// </summary>
public sealed class JourneyRetryPolicies
{
    /// <summary>
    /// Steps that call GOV.UK Pay, the department queues or Notify as well as the case store: 10 attempts,
    /// waits 30 s doubling to at most 10 min = 30+60+120+240+480+4×600 s = 3,330 s, about 55 minutes.
    /// </summary>
    public static readonly RetryPolicy Platform = new(10, TimeSpan.FromSeconds(30), 2, TimeSpan.FromMinutes(10));

    /// <summary>Steps that only write the case (Cosmos DB): 8 attempts, 15 s doubling to 5 min = 15+30+60+120+240+2×300 s = 1,065 s, about 18 minutes.</summary>
    public static readonly RetryPolicy CaseOnly = new(8, TimeSpan.FromSeconds(15), 2, TimeSpan.FromMinutes(5));

    /// <summary>
    /// A citizen notification, off the critical path: 16 attempts, 1 min doubling to 30 min =
    /// 60+120+240+480+960+10×1,800 s = 19,860 s, about 5.5 hours. Nothing waits on it but the journey's end.
    /// </summary>
    public static readonly RetryPolicy Notification = new(16, TimeSpan.FromMinutes(1), 2, TimeSpan.FromMinutes(30));

    private readonly IReadOnlyDictionary<string, RetryPolicy> _byStep;

    public JourneyRetryPolicies(IReadOnlyDictionary<string, RetryPolicy> byStep) => _byStep = byStep;

    /// <summary>The production windows, step by step.</summary>
    public static JourneyRetryPolicies Production { get; } = new(new Dictionary<string, RetryPolicy>(StringComparer.Ordinal)
    {
        [nameof(OpenJourneyActivity)] = Platform,
        [nameof(CheckPaymentActivity)] = Platform,
        [nameof(HandOffActivity)] = Platform,
        [nameof(RemindDepartmentActivity)] = Platform,
        [nameof(RequestInformationActivity)] = Platform,
        [nameof(ReturnToDepartmentActivity)] = Platform,
        [nameof(CloseCaseActivity)] = Platform,
        [nameof(RefundCaseActivity)] = Platform,
        [nameof(EscalateCaseActivity)] = CaseOnly,
        [nameof(RecordDecisionActivity)] = CaseOnly,
        [nameof(ParkCaseActivity)] = CaseOnly,
        [nameof(ResumeCaseActivity)] = CaseOnly,
        [nameof(RecordNotificationFailureActivity)] = CaseOnly,
        [nameof(NotifyCitizenActivity)] = Notification,
    });

    /// <summary>The same policy for every step: for tests, which must not wait for real windows.</summary>
    public static JourneyRetryPolicies Uniform(RetryPolicy policy) =>
        new(Production._byStep.ToDictionary(p => p.Key, _ => policy, StringComparer.Ordinal));

    public IReadOnlyDictionary<string, RetryPolicy> Steps => _byStep;

    /// <summary>The retry options of a step; a step without its own policy is a programming error, not a default.</summary>
    public TaskOptions For(string step) => TaskOptions.FromRetryPolicy(_byStep.TryGetValue(step, out var policy)
        ? policy
        : throw new InvalidOperationException($"No retry policy for the step '{step}'."));

    /// <summary>The total wait between the first and the last attempt.</summary>
    public static TimeSpan Window(RetryPolicy policy)
    {
        var total = TimeSpan.Zero;
        var delay = policy.FirstRetryInterval;
        for (var retry = 1; retry < policy.MaxNumberOfAttempts; retry++)
        {
            total += delay < policy.MaxRetryInterval ? delay : policy.MaxRetryInterval;
            delay = TimeSpan.FromTicks((long)(delay.Ticks * policy.BackoffCoefficient));
        }
        return total;
    }
}
