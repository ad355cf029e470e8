using System.Text.Json.Nodes;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Definitions;
using Serverless.Workflows.Journeys;
using static Serverless.Workflows.Tests.Journeys.TestDefinitions;

namespace Serverless.Workflows.Tests.Journeys;

public class SubmissionTests
{
    /// <summary>The version the tests start journeys on; <see cref="SubmissionTestsOnV1"/> runs them all again on the frozen v1.</summary>
    protected virtual string Orchestrator => JourneyVersions.Current;

    [Fact]
    public async Task Same_idempotency_key_and_body_returns_the_original_case()
    {
        await using var journey = await JourneyHarness.StartAsync(Orchestrator, Shipped());
        var first = await journey.SubmitAsync(BlueBadge, ExampleApplications.For(BlueBadge), idempotencyKey: "key-1");
        var again = await journey.SubmitAsync(BlueBadge, ExampleApplications.For(BlueBadge), idempotencyKey: "key-1");

        Assert.Equal(202, again.Status);
        Assert.Equal(first.CaseId, again.CaseId);
        await journey.WaitForMessageAsync(first.CaseId!, Departments.MessageTypes.Submitted);
        Assert.Single(journey.Queues.Sent);
    }

    [Fact]
    public async Task Same_idempotency_key_with_another_body_is_a_conflict()
    {
        await using var journey = await JourneyHarness.StartAsync(Orchestrator, Shipped());
        await journey.SubmitAsync(BlueBadge, ExampleApplications.For(BlueBadge), idempotencyKey: "key-1");
        var changed = ExampleApplications.For(BlueBadge);
        changed["address"]!["town"] = "Elsewhere";

        var (status, _, problem) = await journey.SubmitAsync(BlueBadge, changed, idempotencyKey: "key-1");

        Assert.Equal(409, status);
        Assert.EndsWith("idempotency-key-reused", (string?)problem["type"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Application_that_breaks_the_schema_is_refused_with_the_fields_named()
    {
        await using var journey = await JourneyHarness.StartAsync(Orchestrator, Shipped());
        var application = ExampleApplications.For(Fishing);
        application["licence"]!.AsObject().Remove("duration");
        application["contact"]!["email"] = "not-an-email";

        var (status, caseId, problem) = await journey.SubmitAsync(Fishing, application);

        Assert.Equal(422, status);
        Assert.Null(caseId);
        var pointers = problem["errors"]!.AsArray().Select(e => (string?)e!["pointer"]).ToList();
        Assert.Contains(pointers, p => p!.StartsWith("/licence", StringComparison.Ordinal));
        Assert.Contains(pointers, p => p == "/contact/email");
        Assert.DoesNotContain("not-an-email", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Application_for_an_unknown_service_is_not_found()
    {
        await using var journey = await JourneyHarness.StartAsync(Orchestrator, Shipped());
        var (status, _, problem) = await journey.SubmitAsync("no-such-service", []);
        Assert.Equal(404, status);
        Assert.Equal(404, (int)problem["status"]!);
    }

    [Fact]
    public async Task Journey_started_twice_for_a_case_runs_once()
    {
        await using var journey = await JourneyHarness.StartAsync(Orchestrator, Shipped());
        var (_, caseId, _) = await journey.SubmitAsync(BlueBadge, ExampleApplications.For(BlueBadge));

        Assert.False(await journey.Journeys.StartIfAbsentAsync(caseId!, default));
        await journey.WaitForMessageAsync(caseId!, Departments.MessageTypes.Submitted);
        Assert.Single(journey.Queues.Sent);
    }

    [Fact]
    public async Task Orphaned_case_is_started_by_the_sweep()
    {
        await using var journey = await JourneyHarness.StartAsync(Orchestrator, Shipped());
        var (_, caseId, _) = await journey.SubmitAsync(BlueBadge, ExampleApplications.For(BlueBadge));
        await journey.WaitForStatusAsync(caseId!, CaseStatus.WithDepartment);
        // A second case written as if the process died before starting its journey.
        var orphan = (await journey.Cases.FindAsync(caseId!, default))!;
        var copy = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(orphan))!.AsObject();
        copy["id"] = "case-orphan0000000000000000000";
        copy["status"] = CaseStatus.Submitted;
        copy["department"] = null;
        copy["submitted_at"] = DateTimeOffset.UtcNow.AddHours(-1);
        copy["timeline"] = new JsonArray();
        await journey.Cases.TryCreateAsync(System.Text.Json.JsonSerializer.Deserialize<CaseRecord>(copy)!, default);

        Assert.Equal(1, await journey.Get<OrphanSweep>().SweepAsync(journey.Journeys, default));

        await journey.WaitForStatusAsync("case-orphan0000000000000000000", CaseStatus.WithDepartment);
        Assert.Equal(0, await journey.Get<OrphanSweep>().SweepAsync(journey.Journeys, default));
    }
}
