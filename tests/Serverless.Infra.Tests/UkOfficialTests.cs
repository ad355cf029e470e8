namespace Serverless.Infra.Tests;

/// <summary>UK OFFICIAL hygiene: residency, tags, deletion locks, zone redundancy, audit logs and Defender.</summary>
[Collection(InfraCollection.Name)]
public sealed class UkOfficialTests(CompiledInfra infra)
{
    private static readonly string[] RequiredTags = ["environment", "service", "owner", "cost-centre", "data-classification"];

    /// <summary>Types that are not tracked resources: Azure gives them no location and takes no tags on them.</summary>
    private static readonly string[] UntaggableTypes =
    [
        "Microsoft.Resources/deployments", "Microsoft.Authorization/roleAssignments", "Microsoft.Authorization/locks",
        "Microsoft.Insights/diagnosticSettings", "Microsoft.Security/defenderForStorageSettings",
        "Microsoft.Security/advancedThreatProtectionSettings",
    ];

    public static TheoryData<string> Everything => ["dev", "prod", CompiledInfra.Azd, CompiledInfra.DevWithVnet];

    [Fact]
    public void Location_is_restricted_to_uk_south_and_uk_west()
    {
        var location = infra.MainTemplate["parameters"]!["location"]!;

        Assert.Equal(["uksouth", "ukwest"], location["allowedValues"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.False(location.AsObject().ContainsKey("defaultValue"));
    }

    [Theory]
    [MemberData(nameof(Everything))]
    public void Every_resource_is_in_the_uk(string environment)
    {
        var located = infra.Deployment(environment).Resources.Where(r => r.Condition && r.Body["location"] is not null).ToList();

        Assert.NotEmpty(located);
        Assert.All(located, r => Assert.Contains(ArmExpression.Text(r.Body["location"]), new[] { "uksouth", "ukwest", "global" }));
    }

    /// <summary>Leaving the UK takes its own parameter, set on purpose; the location parameter alone never can.</summary>
    [Fact]
    public void Only_the_residency_exception_parameter_moves_resources_out_of_the_uk()
    {
        var moved = infra.Deployment("dev", ("residencyExceptionLocation", "westeurope"));
        var regional = moved.Resources.Where(r => r.Condition && r.Body["location"] is not null && ArmExpression.Text(r.Body["location"]) != "global").ToList();

        Assert.NotEmpty(regional);
        Assert.All(regional, r => Assert.Equal("westeurope", ArmExpression.Text(r.Body["location"])));
    }

    [Theory]
    [MemberData(nameof(Everything))]
    public void Every_resource_carries_the_uk_official_tags(string environment)
    {
        var resources = infra.Deployment(environment).Resources.Where(r => r.Condition).ToList();
        var parameters = infra.Parameters(environment)["parameters"]!;

        Assert.All(resources.Where(r => r.Body["location"] is not null), resource =>
        {
            var tags = resource.Body["tags"] as JsonObject;
            Assert.True(tags is not null, $"{resource.Type} {resource.Name} has no tags");
            foreach (var tag in RequiredTags)
                Assert.True(tags!.ContainsKey(tag) && ArmExpression.Text(tags[tag]).Length > 0, $"{resource.Type} {resource.Name} has no '{tag}' tag");
            Assert.Equal("OFFICIAL", ArmExpression.Text(tags!["data-classification"]));
            Assert.Equal(parameters["owner"]!["value"]!.GetValue<string>(), ArmExpression.Text(tags["owner"]));
            Assert.Equal(parameters["costCentre"]!["value"]!.GetValue<string>(), ArmExpression.Text(tags["cost-centre"]));
        });
        // Whatever has no location must be a child or extension resource, which Azure does not tag.
        Assert.All(resources.Where(r => r.Body["location"] is null), resource =>
            Assert.True(resource.Type.Count(c => c == '/') > 1 || UntaggableTypes.Contains(resource.Type, StringComparer.OrdinalIgnoreCase),
                $"{resource.Type} {resource.Name} has no location: is it a tracked resource without tags?"));
    }

    [Fact]
    public void Environment_tags_say_dev_and_prod()
    {
        static string EnvironmentTag(ArmDeployment d) => ArmExpression.Text(Assert.Single(d.Deployed("Microsoft.Resources/resourceGroups")).Body["tags"]!["environment"]);

        Assert.Equal("dev", EnvironmentTag(infra.Deployment("dev")));
        Assert.Equal("prod", EnvironmentTag(infra.Deployment("prod")));
    }

    [Fact]
    public void Prod_locks_cosmos_storage_and_key_vault_against_deletion_and_dev_locks_nothing()
    {
        var locks = infra.Deployment("prod").Deployed("Microsoft.Authorization/locks").ToList();

        Assert.All(locks, l => Assert.Equal("CanNotDelete", l.Properties!["level"]!.GetValue<string>()));
        foreach (var target in new[] { "Microsoft.DocumentDB/databaseAccounts/", "Microsoft.Storage/storageAccounts/", "Microsoft.KeyVault/vaults/" })
            Assert.Single(locks, l => ArmExpression.Text(l.Body["scope"]).Contains("/providers/" + target, StringComparison.Ordinal));
        Assert.Equal(3, locks.Count);
        Assert.Empty(infra.Deployment("dev").Deployed("Microsoft.Authorization/locks"));
    }

    /// <summary>Zone-redundant Flex Consumption keeps at least 2 always-ready instances per trigger group.</summary>
    [Fact]
    public void Prod_function_plan_is_zone_redundant_with_two_always_ready_instances_per_group()
    {
        var prod = infra.Deployment("prod");
        var plan = Assert.Single(prod.Deployed("Microsoft.Web/serverfarms"));
        var alwaysReady = Assert.Single(prod.Deployed("Microsoft.Web/sites")).Properties!["functionAppConfig"]!["scaleAndConcurrency"]!["alwaysReady"]!.AsArray();

        Assert.True(plan.Properties!["zoneRedundant"]!.GetValue<bool>());
        Assert.Equal(["durable", "http"], alwaysReady.Select(g => g!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(alwaysReady, g => Assert.True(g!["instanceCount"]!.GetValue<long>() >= 2));
        Assert.False(Assert.Single(infra.Deployment("dev").Deployed("Microsoft.Web/serverfarms")).Properties!["zoneRedundant"]!.GetValue<bool>());
    }

    /// <summary>A zone-redundant plan given fewer always-ready instances still gets the 2 the platform would bill anyway.</summary>
    [Fact]
    public void Zone_redundancy_raises_always_ready_instances_to_its_minimum()
    {
        var deployment = infra.Deployment("dev", ("functionsZoneRedundant", true));
        var alwaysReady = Assert.Single(deployment.Deployed("Microsoft.Web/sites")).Properties!["functionAppConfig"]!["scaleAndConcurrency"]!["alwaysReady"]!.AsArray();

        Assert.Equal(2, alwaysReady.Count);
        Assert.All(alwaysReady, g => Assert.Equal(2, g!["instanceCount"]!.GetValue<long>()));
    }

    /// <summary>Reads, writes and deletes on every storage service (task hub history, host keys, queues), and Cosmos DB data-plane requests.</summary>
    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Blob_queue_and_table_access_and_cosmos_data_plane_requests_are_logged(string environment)
    {
        var settings = infra.Deployment(environment).Deployed("Microsoft.Insights/diagnosticSettings").ToList();
        IEnumerable<string> Categories(string scope) => Assert.Single(settings, s => ArmExpression.Text(s.Body["scope"]).Contains(scope, StringComparison.Ordinal))
            .Properties!["logs"]!.AsArray().Where(l => l!["enabled"]!.GetValue<bool>()).Select(l => l!["category"]!.GetValue<string>());

        foreach (var service in new[] { "/blobServices/", "/queueServices/", "/tableServices/" })
            Assert.Equal(["StorageDelete", "StorageRead", "StorageWrite"], Categories(service).Order(StringComparer.Ordinal));
        Assert.Contains("DataPlaneRequests", Categories("Microsoft.DocumentDB/databaseAccounts/"));
    }

    [Fact]
    public void Prod_turns_on_defender_for_storage_and_cosmos_and_dev_does_not()
    {
        var prod = infra.Deployment("prod");
        var storage = Assert.Single(prod.Deployed("Microsoft.Security/defenderForStorageSettings"));
        var cosmos = Assert.Single(prod.Deployed("Microsoft.Security/advancedThreatProtectionSettings"));

        Assert.Contains("/providers/Microsoft.Storage/storageAccounts/", ArmExpression.Text(storage.Body["scope"]), StringComparison.Ordinal);
        Assert.True(storage.Properties!["isEnabled"]!.GetValue<bool>());
        Assert.Contains("/providers/Microsoft.DocumentDB/databaseAccounts/", ArmExpression.Text(cosmos.Body["scope"]), StringComparison.Ordinal);
        Assert.True(cosmos.Properties!["isEnabled"]!.GetValue<bool>());
        Assert.Empty(infra.Deployment("dev").Deployed("Microsoft.Security/defenderForStorageSettings"));
        Assert.Empty(infra.Deployment("dev").Deployed("Microsoft.Security/advancedThreatProtectionSettings"));
    }
}
