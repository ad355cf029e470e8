using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Configuration;
using Serverless.Workflows.Departments;

namespace Serverless.Integration.Tests.EndToEnd;

/// <summary>
/// A decision that keeps failing for a transient reason is retried and, after host.json's maxDequeueCount, moved to the
/// poison queue unchanged, as the Functions queue trigger does. The host keeps running throughout.
/// </summary>
[Collection(SelfHostCollection.Name)]
public sealed class TransientFailureTests(SelfHostFixture host)
{
    [Fact]
    public async Task Decision_that_keeps_failing_reaches_the_poison_queue_after_max_dequeue_count()
    {
        var caseId = "case-" + Guid.NewGuid().ToString("N")[..26];
        var hostJson = Path.Combine(Path.GetTempPath(), $"host-{Guid.NewGuid():N}.json");
        var settings = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "host.json")))!;
        settings["extensions"]!["queues"]!["maxDequeueCount"] = 2;
        settings["extensions"]!["queues"]!["visibilityTimeout"] = "00:00:00";
        await File.WriteAllTextAsync(hostJson, settings.ToJsonString());

        await host.StopAsync();
        host.Settings["SelfHost:HostJsonPath"] = hostJson;
        host.Overrides = services => services.Decorate(caseId);
        await host.StartAsync();
        try
        {
            await host.Department("local-council-blue-badge", "blue-badge-cases").DecideAsync(caseId, DecisionOutcomes.Approved, "Fine.", default);

            var poison = host.Queues.GetQueueClient(QueueNames.PoisonOf(QueueNames.Decisions));
            await poison.CreateIfNotExistsAsync();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            JsonObject? moved = null;
            while (moved is null)
            {
                foreach (var message in (await poison.PeekMessagesAsync(32, deadline.Token)).Value)
                {
                    if (JsonNode.Parse(message.Body.ToString()) is JsonObject json && (string?)json["subject"] == caseId)
                        moved = json;
                }
                await Task.Delay(100, deadline.Token);
            }
            Assert.Equal(MessageTypes.Decision, (string?)moved["type"]); // The original message, not a wrapper.
        }
        finally
        {
            await host.StopAsync();
            host.Settings.Remove("SelfHost:HostJsonPath");
            host.Overrides = null;
            await host.StartAsync();
            File.Delete(hostJson);
        }
    }
}

internal static class FailingCaseStore
{
    /// <summary>Makes the case store fail, as in an outage, whenever the given case is read.</summary>
    public static void Decorate(this IServiceCollection services, string failingCaseId)
    {
        var inner = services.Single(d => d.ServiceType == typeof(ICaseStore));
        services.Replace(ServiceDescriptor.Singleton<ICaseStore>(sp =>
            new Outage((ICaseStore)inner.ImplementationFactory!(sp), failingCaseId)));
    }

    private sealed class Outage(ICaseStore inner, string failingCaseId) : ICaseStore
    {
        public Task<CaseRecord?> FindAsync(string caseId, CancellationToken cancellationToken) =>
            caseId == failingCaseId ? throw new TimeoutException("Injected outage.") : inner.FindAsync(caseId, cancellationToken);

        public Task<bool> TryCreateAsync(CaseRecord record, CancellationToken cancellationToken) => inner.TryCreateAsync(record, cancellationToken);
        public Task<CaseRecord> UpdateAsync(string caseId, Func<CaseRecord, bool> mutate, CancellationToken cancellationToken) => inner.UpdateAsync(caseId, mutate, cancellationToken);
        public Task<IdempotencyClaim> ClaimIdempotencyKeyAsync(IdempotencyClaim claim, CancellationToken cancellationToken) => inner.ClaimIdempotencyKeyAsync(claim, cancellationToken);
        public Task<CasePage> ListByStatusAsync(string serviceId, string status, string? continuationToken, int pageSize, CancellationToken cancellationToken) => inner.ListByStatusAsync(serviceId, status, continuationToken, pageSize, cancellationToken);
        public Task<CasePage> ListBreachingSlaAsync(DateTimeOffset now, string? continuationToken, int pageSize, CancellationToken cancellationToken) => inner.ListBreachingSlaAsync(now, continuationToken, pageSize, cancellationToken);
        public Task<CasePage> SearchAsync(CaseSearch search, string? continuationToken, int pageSize, CancellationToken cancellationToken) => inner.SearchAsync(search, continuationToken, pageSize, cancellationToken);
        public Task<IReadOnlyList<CaseRecord>> ListStaleSubmittedAsync(DateTimeOffset before, int max, CancellationToken cancellationToken) => inner.ListStaleSubmittedAsync(before, max, cancellationToken);
        public Task<IReadOnlyList<CaseRecord>> ListDueForRedactionAsync(DateTimeOffset now, DateTimeOffset submittedBefore, int max, CancellationToken cancellationToken) => inner.ListDueForRedactionAsync(now, submittedBefore, max, cancellationToken);
        public Task<int> DeleteExpiredIdempotencyClaimsAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) => inner.DeleteExpiredIdempotencyClaimsAsync(now, max, cancellationToken);
        public Task<IReadOnlyDictionary<string, int>> CountWithDepartmentsAsync(CancellationToken cancellationToken) => inner.CountWithDepartmentsAsync(cancellationToken);
    }
}
