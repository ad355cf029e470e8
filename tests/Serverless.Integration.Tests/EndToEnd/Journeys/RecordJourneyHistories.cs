using System.Text.Json;
using System.Text.Json.Nodes;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Newtonsoft.Json.Linq;
using Serverless.Sample;
using Serverless.SelfHost.Engine;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Departments;
using Serverless.Workflows.Journeys;
using Serverless.Workflows.Journeys.Activities;

namespace Serverless.Integration.Tests.EndToEnd.Journeys;

/// <summary>
/// The recorder of the replay fixtures (tests/Serverless.Workflows.Tests/Journeys/Replay/Histories/README.md): drives
/// each branch of each journey version through the self-host on Azurite, lets the journey come to rest, and writes its
/// history as the engine stored it. Skipped unless <c>RECORD_JOURNEY_HISTORIES=1</c>: fixtures of a released version
/// are recorded once and never rewritten.
/// </summary>
[Collection(SelfHostCollection.Name)]
public sealed class RecordJourneyHistories(SelfHostFixture host)
{
    public const string Switch = "RECORD_JOURNEY_HISTORIES";
    private const string Fishing = "rod-fishing-licence";
    private const string BlueBadge = "blue-badge";

    /// <summary>The parked branch needs its step to exhaust its retries: a short uniform policy, written into the fixture.</summary>
    private static readonly RetryPolicy ParkRetry = new(2, TimeSpan.FromMilliseconds(200));

    [RecorderTheory]
    [InlineData(JourneyVersions.V1, "completed_paid_approved")]
    [InlineData(JourneyVersions.V1, "waiting_for_payment")]
    [InlineData(JourneyVersions.V1, "waiting_for_decision")]
    [InlineData(JourneyVersions.V1, "waiting_for_information")]
    [InlineData(JourneyVersions.V2, "completed_paid_approved")]
    [InlineData(JourneyVersions.V2, "waiting_for_payment")]
    [InlineData(JourneyVersions.V2, "waiting_for_decision")]
    [InlineData(JourneyVersions.V2, "waiting_for_information")]
    [InlineData(JourneyVersions.V2, "parked")]
    public async Task Record(string orchestrator, string branch)
    {
        var parked = branch == "parked";
        await RestartAsync(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<IJourneyClient>(sp =>
                new TaskHubJourneyClient(sp.GetRequiredService<DurableTaskCoreEngine>().Client, orchestrator)));
            if (parked)
            {
                services.Replace(ServiceDescriptor.Singleton(JourneyRetryPolicies.Uniform(ParkRetry)));
                services.Replace(ServiceDescriptor.Singleton<IDepartmentQueues>(sp =>
                    new DepartmentQueueOutage(ActivatorUtilities.CreateInstance<StorageDepartmentQueues>(sp), "blue-badge-cases")));
            }
        });
        try
        {
            var history = parked ? await ParkedAsync() : await DriveAsync(branch);
            await WriteAsync(orchestrator, branch, history, parked ? ParkRetry : null);
        }
        finally
        {
            await RestartAsync(null);
        }
    }

    private async Task<JArray> DriveAsync(string branch)
    {
        var engine = host.Services.GetRequiredService<DurableTaskCoreEngine>();
        var citizen = new SampleCitizen(host.Http, "recorder-" + Guid.NewGuid().ToString("N"));
        await citizen.SignInAsync("P2", Timeout());
        var caseId = (string)(await citizen.ApplyAsync(Fishing, ExampleApplications.For(Fishing), Timeout()))["case_id"]!;
        var awaiting = await host.WaitForCaseAsync(caseId, citizen.Token!, c => (string?)c["status"] == "awaiting_payment", "awaiting payment");
        if (branch == "waiting_for_payment")
            return await JourneyHistories.WaitUntilAtRestAsync(engine, caseId, h => JourneyHistories.Has(h, EventType.TimerCreated), branch);

        await citizen.PayAsync(new Uri((string)awaiting["payment"]!["next_url"]!), Timeout());
        var department = host.Department("environment-agency", "environment-agency-cases");
        await department.ReceiveAsync(caseId, MessageTypes.Submitted, TimeSpan.FromSeconds(30), Timeout());
        if (branch == "waiting_for_decision")
            return await JourneyHistories.WaitUntilAtRestAsync(engine, caseId, h => JourneyHistories.Scheduled(h).Last() == nameof(HandOffActivity), branch);

        if (branch == "waiting_for_information")
        {
            await department.DecideAsync(caseId, DecisionOutcomes.InformationRequested, "Which river?", Timeout());
            return await JourneyHistories.WaitUntilAtRestAsync(engine, caseId, h => JourneyHistories.Scheduled(h).Last() == nameof(RequestInformationActivity), branch);
        }

        await department.DecideAsync(caseId, DecisionOutcomes.Approved, "Licence issued.", Timeout());
        return await JourneyHistories.WaitUntilAtRestAsync(engine, caseId, h => JourneyHistories.Has(h, EventType.ExecutionCompleted), branch);
    }

    private async Task<JArray> ParkedAsync()
    {
        var engine = host.Services.GetRequiredService<DurableTaskCoreEngine>();
        var token = await host.CitizenTokenAsync("recorder-" + Guid.NewGuid().ToString("N"), "P2");
        using var response = await host.SendAsync(HttpMethod.Post, $"api/v1/services/{BlueBadge}/applications", token, ExampleApplications.For(BlueBadge));
        var caseId = (string)(await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<JsonObject>(response.Content))!["case_id"]!;
        return await JourneyHistories.WaitUntilAtRestAsync(engine, caseId, h => JourneyHistories.Scheduled(h).Last() == nameof(ParkCaseActivity), "parked");
    }

    private static async Task WriteAsync(string orchestrator, string branch, JArray history, RetryPolicy? retry)
    {
        var fixture = new JsonObject
        {
            ["orchestrator"] = orchestrator,
            ["branch"] = branch,
            ["recorded_with"] = "DurableTask.Core 3.11.2 + DurableTask.AzureStorage 2.11.2 on Azurite (the self-host)",
            ["retry_policy"] = retry is null ? null : new JsonObject
            {
                ["max_attempts"] = retry.MaxNumberOfAttempts,
                ["first_retry_interval_ms"] = retry.FirstRetryInterval.TotalMilliseconds,
            },
            ["history"] = JsonNode.Parse(history.ToString(Newtonsoft.Json.Formatting.None)),
        };
        var path = Path.Combine(RepositoryRoot(), "tests", "Serverless.Workflows.Tests", "Journeys", "Replay", "Histories", $"{orchestrator}.{branch}.json");
        await File.WriteAllTextAsync(path, fixture.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Serverless.sln not found above " + AppContext.BaseDirectory);
    }

    private async Task RestartAsync(Action<IServiceCollection>? overrides)
    {
        await host.StopAsync();
        host.Overrides = overrides;
        await host.StartAsync();
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token;
}

/// <summary>A theory that runs only when <see cref="RecordJourneyHistories.Switch"/> is set: recording rewrites committed fixtures.</summary>
public sealed class RecorderTheoryAttribute : TheoryAttribute
{
    public RecorderTheoryAttribute()
    {
        if (Environment.GetEnvironmentVariable(RecordJourneyHistories.Switch) != "1")
            Skip = $"Records replay fixtures; set {RecordJourneyHistories.Switch}=1 to run (see Journeys/Replay/Histories/README.md).";
    }
}
