namespace Serverless.Workflows.Configuration;

/// <summary>Platform-owned queues. Department hand-off queues come from the service definitions.</summary>
public static class QueueNames
{
    /// <summary>Departments put their decisions here (CloudEvents <c>…case.decision.v1</c>).</summary>
    public const string Decisions = "decisions";

    /// <summary>Where a queue's rejected messages go, wrapped with the reason.</summary>
    public static string PoisonOf(string queue) => queue + "-poison";
}
