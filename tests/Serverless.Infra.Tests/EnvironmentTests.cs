namespace Serverless.Infra.Tests;

/// <summary>What dev and prod differ in, as the README says.</summary>
[Collection(InfraCollection.Name)]
public sealed class EnvironmentTests(CompiledInfra infra)
{
    [Fact]
    public void Prod_scales_further_is_zone_redundant_keeps_logs_longer_and_pages_someone()
    {
        JsonNode Value(string environment, string name) => infra.Parameters(environment)["parameters"]![name]!["value"]!;

        Assert.True(Value("prod", "maximumInstanceCount").GetValue<int>() > Value("dev", "maximumInstanceCount").GetValue<int>());
        Assert.True(Value("prod", "instanceMemoryMB").GetValue<int>() >= Value("dev", "instanceMemoryMB").GetValue<int>());
        Assert.True(Value("prod", "logRetentionInDays").GetValue<int>() > Value("dev", "logRetentionInDays").GetValue<int>());
        Assert.Equal("serverless", Value("dev", "cosmosCapacityMode").GetValue<string>());
        Assert.Equal("autoscale", Value("prod", "cosmosCapacityMode").GetValue<string>());
        Assert.True(Value("prod", "cosmosZoneRedundant").GetValue<bool>());
        Assert.Equal("Standard_ZRS", Value("prod", "storageSkuName").GetValue<string>());
        Assert.True(Value("prod", "keyVaultPurgeProtection").GetValue<bool>());
        Assert.Empty(Value("dev", "alertEmailAddresses").AsArray());
        Assert.NotEmpty(Value("prod", "alertEmailAddresses").AsArray());
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Flex_scale_settings_come_from_the_parameters(string environment)
    {
        var parameters = infra.Parameters(environment)["parameters"]!;
        var scale = Assert.Single(infra.Deployment(environment).OfType("Microsoft.Web/sites")).Properties!["functionAppConfig"]!["scaleAndConcurrency"]!;

        Assert.Equal(parameters["instanceMemoryMB"]!["value"]!.GetValue<int>(), scale["instanceMemoryMB"]!.GetValue<int>());
        Assert.Equal(parameters["maximumInstanceCount"]!["value"]!.GetValue<int>(), scale["maximumInstanceCount"]!.GetValue<int>());
    }

    [Fact]
    public void Prod_alert_receivers_reach_the_action_group()
    {
        var group = Assert.Single(infra.Deployment("prod").OfType("Microsoft.Insights/actionGroups"));
        var receiver = Assert.Single(group.Properties!["emailReceivers"]!.AsArray())!;

        Assert.Equal("oncall@example.gov.uk", receiver["emailAddress"]!.GetValue<string>());
    }
}
