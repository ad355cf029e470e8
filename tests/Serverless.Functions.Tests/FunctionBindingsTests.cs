using Serverless.Workflows.Configuration;

namespace Serverless.Functions.Tests;

/// <summary>functions.metadata: every function the app must have, with its trigger and bindings, and nothing else.</summary>
[Collection(PublishedFunctionsCollection.Name)]
public sealed class FunctionBindingsTests(PublishedFunctionsApp app, ITestOutputHelper output)
{
    private FunctionMetadata Function(string name)
    {
        var functions = app.Functions(output);
        return Assert.Single(functions, f => f.Name == name);
    }

    [Fact]
    public void The_app_publishes_exactly_the_expected_functions()
    {
        var published = app.Functions(output).Select(f => f.Name).ToList();

        Assert.Equal(published.Count, published.Distinct(StringComparer.Ordinal).Count());
        var missing = ExpectedFunctions.AllNames.Except(published, StringComparer.Ordinal).ToList();
        var unexpected = published.Except(ExpectedFunctions.AllNames, StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0 && unexpected.Count == 0,
            $"missing: [{string.Join(", ", missing)}]; unexpected (add them to ExpectedFunctions): [{string.Join(", ", unexpected)}]");
    }

    [Theory]
    [MemberData(nameof(ExpectedFunctions.HttpFunctionNames), MemberType = typeof(ExpectedFunctions))]
    public void Http_function_has_its_route_method_auth_level_and_durable_client(string name)
    {
        var expected = ExpectedFunctions.HttpFunctions.Single(f => f.Name == name);
        var function = Function(name);
        var trigger = function.Trigger;

        Assert.Equal("httpTrigger", FunctionMetadata.Type(trigger));
        Assert.Equal(expected.Route, FunctionMetadata.Text(trigger, "route"));
        Assert.Equal([expected.Method], function.HttpMethods);
        Assert.Equal(expected.AuthLevel, FunctionMetadata.Text(trigger, "authLevel"), ignoreCase: true);
        Assert.Equal(
            expected.DurableClient ? ["durableClient", "http", "httpTrigger"] : ["http", "httpTrigger"],
            function.BindingTypes);
        Assert.Equal("Out", FunctionMetadata.Direction(Assert.Single(function.Bindings, b => FunctionMetadata.Type(b) == "http")));
    }

    [Fact]
    public void Every_journey_orchestrator_version_is_an_orchestration_trigger_named_as_the_engine_names_it()
    {
        Assert.Equal(["ServiceJourney", "ServiceJourney_v2"], ExpectedFunctions.Orchestrators);
        foreach (var name in ExpectedFunctions.Orchestrators)
            Assert.Equal(["orchestrationTrigger"], Function(name).BindingTypes);
    }

    [Theory]
    [MemberData(nameof(ExpectedFunctions.ActivityNames), MemberType = typeof(ExpectedFunctions))]
    public void Each_engine_activity_is_an_activity_trigger_named_after_its_class(string activity)
    {
        var function = Function(activity);

        Assert.Equal(["activityTrigger"], function.BindingTypes);
        Assert.Equal("In", FunctionMetadata.Direction(function.Trigger));
    }

    [Fact]
    public void Department_decisions_arrive_on_the_decisions_queue_with_a_durable_client()
    {
        var function = Function(ExpectedFunctions.DecisionQueueFunction);
        var trigger = function.Trigger;

        Assert.Equal("queueTrigger", FunctionMetadata.Type(trigger));
        Assert.Equal(QueueNames.Decisions, FunctionMetadata.Text(trigger, "queueName"));
        Assert.Equal(ConnectionNames.DepartmentQueues, FunctionMetadata.Text(trigger, "connection"));
        Assert.Equal(["durableClient", "queueTrigger"], function.BindingTypes);
    }

    [Theory]
    [MemberData(nameof(ExpectedFunctions.TimerFunctionNames), MemberType = typeof(ExpectedFunctions))]
    public void Timer_function_runs_on_its_schedule(string name)
    {
        var expected = ExpectedFunctions.TimerFunctions.Single(f => f.Name == name);
        var function = Function(name);

        Assert.Equal("timerTrigger", FunctionMetadata.Type(function.Trigger));
        Assert.Equal(expected.Schedule, FunctionMetadata.Text(function.Trigger, "schedule"));
        Assert.Equal(expected.DurableClient ? ["durableClient", "timerTrigger"] : ["timerTrigger"], function.BindingTypes);
    }

    [Fact]
    public void Every_orchestrator_and_activity_the_self_host_registers_has_a_Functions_counterpart_of_the_same_name()
    {
        // DurableTaskCoreEngine registers every JourneyVersions.Orchestrators name and each WorkflowServices.Activities type by class name;
        // orchestrations schedule activities by those names, so the Functions app must answer to the same ones.
        var triggers = app.Functions(output).ToDictionary(f => f.Name, f => FunctionMetadata.Type(f.Trigger), StringComparer.Ordinal);
        var engine = ExpectedFunctions.Activities.Select(name => (Name: name, Trigger: "activityTrigger"))
            .Concat(ExpectedFunctions.Orchestrators.Select(name => (Name: name, Trigger: "orchestrationTrigger")));

        var mismatches = engine
            .Where(e => !triggers.TryGetValue(e.Name, out var trigger) || trigger != e.Trigger)
            .Select(e => $"{e.Name} ({e.Trigger}): Functions has {(triggers.TryGetValue(e.Name, out var t) ? t : "nothing")}")
            .ToList();
        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));

        var durableOnlyInFunctions = triggers
            .Where(t => t.Value is "activityTrigger" or "orchestrationTrigger" or "entityTrigger")
            .Select(t => t.Key)
            .Except(engine.Select(e => e.Name), StringComparer.Ordinal)
            .ToList();
        Assert.True(durableOnlyInFunctions.Count == 0,
            $"Functions-only durable functions the self-host would not run: {string.Join(", ", durableOnlyInFunctions)}");
    }
}
