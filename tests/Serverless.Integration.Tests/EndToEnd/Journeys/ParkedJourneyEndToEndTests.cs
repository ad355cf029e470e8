using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Departments;
using Serverless.Workflows.Journeys;

namespace Serverless.Integration.Tests.EndToEnd.Journeys;

/// <summary>ServiceJourney_v2 through the self-host on Azurite and the Cosmos emulator: an outage parks a journey, ops retry it.</summary>
[Collection(SelfHostCollection.Name)]
public sealed class ParkedJourneyEndToEndTests(SelfHostFixture host)
{
    private const string BlueBadge = "blue-badge";

    [Fact]
    public async Task Department_queue_outage_parks_the_journey_and_an_operator_retry_takes_it_to_its_decision()
    {
        DepartmentQueueOutage? outage = null;
        await RestartAsync(DepartmentQueueOutage.ParkingJourneysOn("blue-badge-cases", started => outage = started));
        try
        {
            var token = await host.CitizenTokenAsync("parked-citizen", "P2");
            using var response = await host.SendAsync(HttpMethod.Post, $"api/v1/services/{BlueBadge}/applications", token, ExampleApplications.For(BlueBadge));
            var caseId = (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["case_id"]!;

            await host.WaitForCaseAsync(caseId, token, c => (string?)c["status"] == "needs_attention", "parked");
            var parked = await host.Services.GetRequiredService<Serverless.Workflows.Cases.ICaseStore>().FindAsync(caseId, default);
            Assert.Equal("HandOffActivity", parked!.Attention!.FailedStep);
            Assert.Equal(JourneyVersions.V2, parked.OrchestratorVersion);

            outage!.End();
            var result = await host.Services.GetRequiredService<OperatorActions>()
                .RetryAsync(caseId, "ops-1", "queue restored", host.Services.GetRequiredService<IJourneyClient>(), default);
            Assert.Equal(OperatorActionResult.Raised, result);

            await host.WaitForCaseAsync(caseId, token, c => (string?)c["status"] == "with_department", "back with the department");
            var department = host.Department("local-council-blue-badge", "blue-badge-cases");
            await department.ReceiveAsync(caseId, MessageTypes.Submitted, TimeSpan.FromSeconds(30), Timeout());
            await department.DecideAsync(caseId, DecisionOutcomes.Approved, "Badge approved.", Timeout());
            await host.WaitForCaseAsync(caseId, token, c => (string?)c["status"] == "approved", "approved");
        }
        finally
        {
            await RestartAsync(null);
        }
    }

    private async Task RestartAsync(Action<IServiceCollection>? overrides)
    {
        await host.StopAsync();
        host.Overrides = overrides;
        await host.StartAsync();
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token;
}
