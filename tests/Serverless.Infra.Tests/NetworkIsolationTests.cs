namespace Serverless.Infra.Tests;

/// <summary>
/// vnetEnabled: the stores take traffic only from private endpoints in the platform's VNet, and the app reaches them
/// through its delegated subnet. Off (dev's default), everything works over public endpoints with Entra ID.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class NetworkIsolationTests(CompiledInfra infra)
{
    private const string StorageAccount = "Microsoft.Storage/storageAccounts";
    private const string CosmosAccount = "Microsoft.DocumentDB/databaseAccounts";
    private const string KeyVault = "Microsoft.KeyVault/vaults";
    private const string PrivateEndpoint = "Microsoft.Network/privateEndpoints";

    /// <summary>Each store sub-resource: its private endpoint group, the store it belongs to, its privatelink zone.</summary>
    public static TheoryData<string, string, string> Endpoints => new()
    {
        { "blob", StorageAccount, "privatelink.blob." },
        { "queue", StorageAccount, "privatelink.queue." },
        { "table", StorageAccount, "privatelink.table." },
        { "Sql", CosmosAccount, "privatelink.documents.azure.com" },
        { "vault", KeyVault, "privatelink.vaultcore.azure.net" },
    };

    public static TheoryData<string> Private => ["prod", CompiledInfra.DevWithVnet];

    [Theory]
    [MemberData(nameof(Private))]
    public void With_vnet_enabled_no_data_store_takes_public_traffic(string environment)
    {
        var deployment = infra.Deployment(environment);

        foreach (var type in new[] { StorageAccount, CosmosAccount, KeyVault })
        {
            var store = Assert.Single(deployment.Deployed(type));
            Assert.Equal("Disabled", store.Properties!["publicNetworkAccess"]!.GetValue<string>());
        }
        Assert.Equal("Deny", Assert.Single(deployment.Deployed(StorageAccount)).Properties!["networkAcls"]!["defaultAction"]!.GetValue<string>());
        Assert.Equal("Deny", Assert.Single(deployment.Deployed(KeyVault)).Properties!["networkAcls"]!["defaultAction"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public void With_vnet_enabled_each_store_has_a_private_endpoint_registered_in_its_dns_zone(string group, string storeType, string zone)
    {
        var deployment = infra.Deployment(CompiledInfra.DevWithVnet);
        var endpoint = Assert.Single(deployment.Deployed(PrivateEndpoint), e => GroupOf(e) == group);
        var connection = endpoint.Properties!["privateLinkServiceConnections"]![0]!["properties"]!;

        Assert.Contains($"/providers/{storeType}/", ArmExpression.Text(connection["privateLinkServiceId"]), StringComparison.Ordinal);
        Assert.EndsWith("/subnets/private-endpoints", ArmExpression.Text(endpoint.Properties["subnet"]!["id"]), StringComparison.Ordinal);

        var zoneGroup = Assert.Single(deployment.Deployed("Microsoft.Network/privateEndpoints/privateDnsZoneGroups"),
            g => g.Name.StartsWith(endpoint.Name + "/", StringComparison.Ordinal));
        var zoneId = ArmExpression.Text(zoneGroup.Properties!["privateDnsZoneConfigs"]![0]!["properties"]!["privateDnsZoneId"]);
        Assert.Contains($"/privateDnsZones/{zone}", zoneId, StringComparison.Ordinal);

        // The zone exists and the VNet resolves names in it.
        Assert.Single(deployment.Deployed("Microsoft.Network/privateDnsZones"), z => z.Name.StartsWith(zone, StringComparison.Ordinal));
        var link = Assert.Single(deployment.Deployed("Microsoft.Network/privateDnsZones/virtualNetworkLinks"), l => l.Name.StartsWith(zone, StringComparison.Ordinal));
        Assert.Contains("/virtualNetworks/", ArmExpression.Text(link.Properties!["virtualNetwork"]!["id"]), StringComparison.Ordinal);
        Assert.False(link.Properties!["registrationEnabled"]!.GetValue<bool>());
    }

    [Theory]
    [MemberData(nameof(Private))]
    public void With_vnet_enabled_the_app_goes_out_through_a_subnet_delegated_to_flex_consumption(string environment)
    {
        var deployment = infra.Deployment(environment);
        var app = Assert.Single(deployment.Deployed("Microsoft.Web/sites"));
        var vnet = Assert.Single(deployment.Deployed("Microsoft.Network/virtualNetworks"));
        var subnet = vnet.Properties!["subnets"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "app")!;
        var subnetOutput = Assert.Single(deployment.Outputs, o => o.Deployment == "main/network" && o.Name == "appSubnetId");

        var api = Assert.Single(deployment.Deployed("Microsoft.Resources/deployments"), d => d.Name == "api");
        var given = ArmExpression.Text(api.Properties!["parameters"]!["virtualNetworkSubnetId"]!["value"]);
        Assert.Contains("'network'", given, StringComparison.Ordinal);
        Assert.Contains("outputs.appSubnetId", given, StringComparison.Ordinal);
        Assert.Contains("parameters('virtualNetworkSubnetId')", ArmExpression.Text(app.Properties!["virtualNetworkSubnetId"]), StringComparison.Ordinal);
        Assert.EndsWith("/subnets/app", ArmExpression.Text(subnetOutput.Value), StringComparison.Ordinal);
        Assert.Equal("Microsoft.App/environments", subnet["properties"]!["delegations"]![0]!["properties"]!["serviceName"]!.GetValue<string>());
    }

    [Fact]
    public void Without_vnet_the_app_reaches_every_store_over_its_public_endpoint_with_entra_id()
    {
        var deployment = infra.Deployment("dev");

        foreach (var type in new[] { "Microsoft.Network/virtualNetworks", PrivateEndpoint, "Microsoft.Network/privateDnsZones" })
            Assert.Empty(deployment.Deployed(type));
        foreach (var type in new[] { StorageAccount, CosmosAccount, KeyVault })
            Assert.Equal("Enabled", Assert.Single(deployment.Deployed(type)).Properties!["publicNetworkAccess"]!.GetValue<string>());
        Assert.Equal("Allow", Assert.Single(deployment.Deployed(StorageAccount)).Properties!["networkAcls"]!["defaultAction"]!.GetValue<string>());
        Assert.Null(Assert.Single(deployment.Deployed("Microsoft.Web/sites")).Properties!["virtualNetworkSubnetId"]);
    }

    /// <summary>The department path by allowed networks opens the storage firewall to their ranges only; Cosmos DB and Key Vault stay closed.</summary>
    [Fact]
    public void Departments_on_allowed_ip_ranges_reach_storage_from_those_ranges_only()
    {
        var deployment = infra.Deployment("prod",
            ("departmentNetworkAccess", "allowedIpRanges"), ("departmentAllowedIpRanges", new JsonArray("203.0.113.0/24")));
        var storage = Assert.Single(deployment.Deployed(StorageAccount)).Properties!;

        Assert.Equal("Enabled", storage["publicNetworkAccess"]!.GetValue<string>());
        Assert.Equal("Deny", storage["networkAcls"]!["defaultAction"]!.GetValue<string>());
        Assert.Equal("None", storage["networkAcls"]!["bypass"]!.GetValue<string>());
        var rule = Assert.Single(storage["networkAcls"]!["ipRules"]!.AsArray())!;
        Assert.Equal("203.0.113.0/24", rule["value"]!.GetValue<string>());
        Assert.Equal("Disabled", Assert.Single(deployment.Deployed(CosmosAccount)).Properties!["publicNetworkAccess"]!.GetValue<string>());
        Assert.Equal("Disabled", Assert.Single(deployment.Deployed(KeyVault)).Properties!["publicNetworkAccess"]!.GetValue<string>());
    }

    [Fact]
    public void Prod_is_private_and_dev_is_public_by_default()
    {
        Assert.True(infra.Parameters("prod")["parameters"]!["vnetEnabled"]!["value"]!.GetValue<bool>());
        Assert.False(infra.Parameters("dev")["parameters"]!["vnetEnabled"]!["value"]!.GetValue<bool>());
        Assert.False(infra.Parameters(CompiledInfra.Azd)["parameters"]!["vnetEnabled"]!["value"]!.GetValue<bool>());
        Assert.False(infra.MainTemplate["parameters"]!["vnetEnabled"]!["defaultValue"]!.GetValue<bool>());
    }

    private static string GroupOf(ArmResource endpoint) =>
        endpoint.Properties!["privateLinkServiceConnections"]![0]!["properties"]!["groupIds"]![0]!.GetValue<string>();
}
