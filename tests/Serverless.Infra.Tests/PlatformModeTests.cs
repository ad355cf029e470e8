using Serverless.Infra.Tests.Arm;

namespace Serverless.Infra.Tests;

/// <summary>Prod runs the live platforms and cannot be deployed with a sandbox; the mode is always chosen explicitly.</summary>
[Collection(InfraCollection.Name)]
public sealed class PlatformModeTests(CompiledInfra infra)
{
    [Fact]
    public void Prod_deploys_live_and_dev_deploys_the_sandboxes()
    {
        Assert.Equal("live", InfraQueries.AppSettings(infra.Deployment("prod"))["Platforms__Mode"]);
        Assert.Equal("sandbox", InfraQueries.AppSettings(infra.Deployment("dev"))["Platforms__Mode"]);
        Assert.True(infra.Parameters("prod")["parameters"]!["production"]!["value"]!.GetValue<bool>());
    }

    [Fact]
    public void A_production_deployment_in_sandbox_mode_fails()
    {
        var parameters = infra.Parameters("prod");
        parameters["parameters"]!["platformsMode"] = new JsonObject { ["value"] = "sandbox" };

        var mode = InfraQueries.AppSettings(ArmDeployment.Evaluate(infra.MainTemplate, parameters))["Platforms__Mode"];

        // The offline evaluator cannot run ARM's fail(), so it leaves the call as text: it is the branch this deployment takes.
        Assert.Contains("fail('Platforms__Mode must be live in production", mode, StringComparison.Ordinal);
        Assert.NotEqual("sandbox", mode);
    }

    [Fact]
    public void The_mode_has_no_default_and_only_live_or_sandbox_are_allowed()
    {
        var mode = infra.MainTemplate["parameters"]!["platformsMode"]!.AsObject();

        Assert.False(mode.ContainsKey("defaultValue"));
        Assert.Equal(["live", "sandbox"], mode["allowedValues"]!.AsArray().Select(v => v!.GetValue<string>()));
    }
}
