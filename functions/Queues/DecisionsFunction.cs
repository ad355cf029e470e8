using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Departments;
using Serverless.Workflows.Journeys;

namespace Serverless.Functions.Queues;

/// <summary>
/// Department decisions in. Refused messages are moved to <c>decisions-poison</c> with a reason by <see cref="DecisionIntake"/>;
/// a transient failure throws, so the runtime retries and, after host.json's maxDequeueCount, poisons the message itself.
/// </summary>
public sealed class DecisionsFunction(DecisionIntake intake)
{
    [Function("ReceiveDecision")]
    public Task Run(
        [QueueTrigger(QueueNames.Decisions, Connection = ConnectionNames.DepartmentQueues)] string message, long dequeueCount,
        [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
        intake.HandleAsync(message, dequeueCount, new DurableTaskJourneyClient(durable), cancellationToken);
}
