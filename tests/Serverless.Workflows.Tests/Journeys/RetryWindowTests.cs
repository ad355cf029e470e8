using Microsoft.DurableTask;
using Serverless.Workflows.Hosting;
using Serverless.Workflows.Journeys;

namespace Serverless.Workflows.Tests.Journeys;

/// <summary>The retry windows the code documents are the windows it gives.</summary>
public sealed class RetryWindowTests
{
    [Fact]
    public void Documented_windows_are_the_computed_ones()
    {
        Assert.Equal(TimeSpan.FromSeconds(3330), JourneyRetryPolicies.Window(JourneyRetryPolicies.Platform));
        Assert.Equal(TimeSpan.FromSeconds(1065), JourneyRetryPolicies.Window(JourneyRetryPolicies.CaseOnly));
        Assert.Equal(TimeSpan.FromSeconds(19860), JourneyRetryPolicies.Window(JourneyRetryPolicies.Notification));
        // v1's single policy, whose comment claimed about seven minutes.
        Assert.Equal(TimeSpan.FromSeconds(155), JourneyRetryPolicies.Window(new RetryPolicy(6, TimeSpan.FromSeconds(5), 2, TimeSpan.FromMinutes(3))));
    }

    [Fact]
    public void Every_v2_step_has_a_production_window_of_at_least_a_quarter_of_an_hour()
    {
        var production = JourneyRetryPolicies.Production.Steps;

        Assert.All(production.Keys, step => Assert.Contains(step, WorkflowServices.Activities.Select(a => a.Name)));
        Assert.All(production.Values, policy => Assert.True(JourneyRetryPolicies.Window(policy) >= TimeSpan.FromMinutes(15)));
        Assert.Throws<InvalidOperationException>(() => JourneyRetryPolicies.Production.For("UnknownActivity"));
    }
}
