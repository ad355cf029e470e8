using System.Text.RegularExpressions;

namespace Serverless.Infra.Tests;

/// <summary>Security properties of the compiled template, for every environment.</summary>
[Collection(InfraCollection.Name)]
public sealed partial class SecurityTests(CompiledInfra infra)
{
    // Built-in Azure role definition ids.
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string CosmosBuiltInDataContributor = "00000000-0000-0000-0000-000000000002";

    /// <summary>Owner, Contributor, User Access Administrator, Role Based Access Control Administrator.</summary>
    private static readonly string[] PrivilegedRoles =
    [
        "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "b24988ac-6180-42a0-ab88-20f7382dd24c",
        "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
    ];

    public static TheoryData<string> Environments => ["dev", "prod"];

    [Fact]
    public void No_keys_are_listed_or_embedded_anywhere_in_the_template()
    {
        var text = infra.MainJsonText;
        foreach (var forbidden in new[] { "listKeys(", "listkeys(", "listConnectionStrings(", "listSecrets(", "listAccountSas(", "listServiceSas(", "AccountKey=", "SharedAccessKey=", "SharedAccessSignature=", "primaryMasterKey", "primaryKey" })
            Assert.DoesNotContain(forbidden, text, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// No output is secret. The one exception by name: the monitoring module hands the Application Insights connection
    /// string to the app settings; with local auth off on the component its instrumentation key is no credential.
    /// </summary>
    [Theory]
    [MemberData(nameof(Environments))]
    public void Outputs_hold_no_secrets(string environment)
    {
        var outputs = infra.Deployment(environment).Outputs
            .Where(o => !(o.Deployment == "main/monitoring" && o.Name == "connectionString"));
        Assert.All(outputs, output =>
        {
            Assert.DoesNotMatch(SecretLikeName(), output.Name);
            Assert.NotEqual("securestring", output.Type, StringComparer.OrdinalIgnoreCase);
            Assert.NotEqual("secureobject", output.Type, StringComparer.OrdinalIgnoreCase);
        });
    }

    /// <summary>
    /// Values carry no credentials. The one instrumentation key, in APPLICATIONINSIGHTS_CONNECTION_STRING, is not a
    /// credential because local auth is off on the component (asserted below).
    /// </summary>
    [Theory]
    [MemberData(nameof(Environments))]
    public void App_settings_hold_no_credentials(string environment)
    {
        Assert.All(InfraQueries.AppSettings(infra.Deployment(environment)), setting =>
        {
            Assert.DoesNotMatch(CredentialInValue(), setting.Value);
            // Empty holds nothing: a sandbox-only secret in live mode (ConfigContractTests checks which may be).
            if (SecretLikeName().IsMatch(setting.Key) && setting.Key != "APPLICATIONINSIGHTS_CONNECTION_STRING" && setting.Value.Length > 0)
                Assert.StartsWith("@Microsoft.KeyVault(", setting.Value, StringComparison.Ordinal);
        });
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Storage_takes_only_entra_id_over_tls_1_2_with_no_public_blobs(string environment)
    {
        var accounts = infra.Deployment(environment).OfType("Microsoft.Storage/storageAccounts").ToList();

        Assert.NotEmpty(accounts);
        Assert.All(accounts, account =>
        {
            var p = account.Properties!;
            Assert.False(p["allowSharedKeyAccess"]!.GetValue<bool>());
            Assert.True(p["supportsHttpsTrafficOnly"]!.GetValue<bool>());
            Assert.Equal("TLS1_2", p["minimumTlsVersion"]!.GetValue<string>());
            Assert.False(p["allowBlobPublicAccess"]!.GetValue<bool>());
            Assert.True(p["defaultToOAuthAuthentication"]!.GetValue<bool>());
        });
        Assert.All(infra.Deployment(environment).OfType("Microsoft.Storage/storageAccounts/blobServices/containers"),
            c => Assert.Equal("None", c.Properties!["publicAccess"]!.GetValue<string>()));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void The_function_app_is_flex_consumption_dotnet_10_https_only_with_no_publishing_credentials(string environment)
    {
        var deployment = infra.Deployment(environment);
        var plan = Assert.Single(deployment.OfType("Microsoft.Web/serverfarms"));
        var app = Assert.Single(deployment.OfType("Microsoft.Web/sites"));
        var p = app.Properties!;

        Assert.Equal("FC1", plan.Body["sku"]!["name"]!.GetValue<string>());
        Assert.Equal("FlexConsumption", plan.Body["sku"]!["tier"]!.GetValue<string>());
        Assert.True(p["httpsOnly"]!.GetValue<bool>());
        Assert.Equal("1.2", p["siteConfig"]!["minTlsVersion"]!.GetValue<string>());
        Assert.Equal("1.2", p["siteConfig"]!["scmMinTlsVersion"]!.GetValue<string>());
        Assert.Equal("Disabled", p["siteConfig"]!["ftpsState"]!.GetValue<string>());
        Assert.Equal("dotnet-isolated", p["functionAppConfig"]!["runtime"]!["name"]!.GetValue<string>());
        Assert.Equal("10.0", p["functionAppConfig"]!["runtime"]!["version"]!.GetValue<string>());

        var policies = deployment.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToDictionary(r => r.ShortName);
        Assert.Equal(["ftp", "scm"], policies.Keys.Order(StringComparer.Ordinal));
        Assert.All(policies.Values, policy => Assert.False(policy.Properties!["allow"]!.GetValue<bool>()));
    }

    /// <summary>Every data-plane path goes through the user-assigned identity; nothing accepts keys.</summary>
    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_data_plane_access_uses_the_managed_identity(string environment)
    {
        var deployment = infra.Deployment(environment);
        var app = Assert.Single(deployment.OfType("Microsoft.Web/sites"));
        var identityId = ArmExpression.Text(app.Properties!["keyVaultReferenceIdentity"]);
        var settings = InfraQueries.AppSettings(deployment);

        // The app runs as the user-assigned identity only, and resolves Key Vault references with it.
        Assert.Equal("UserAssigned", app.Body["identity"]!["type"]!.GetValue<string>());
        Assert.Contains("'identity'", identityId, StringComparison.Ordinal);
        // Deployment package: pulled from blob storage with the identity.
        var storage = app.Properties["functionAppConfig"]!["deployment"]!["storage"]!;
        Assert.Equal("UserAssignedIdentity", storage["authentication"]!["type"]!.GetValue<string>());
        Assert.Equal(identityId, ArmExpression.Text(storage["authentication"]!["userAssignedIdentityResourceId"]));
        // Cosmos DB: no keys.
        Assert.All(deployment.OfType("Microsoft.DocumentDB/databaseAccounts"), cosmos =>
        {
            Assert.True(cosmos.Properties!["disableLocalAuth"]!.GetValue<bool>());
            Assert.Equal("Tls12", cosmos.Properties["minimalTlsVersion"]!.GetValue<string>());
        });
        // Key Vault: Azure RBAC, no access policies.
        Assert.All(deployment.OfType("Microsoft.KeyVault/vaults"), vault =>
        {
            Assert.True(vault.Properties!["enableRbacAuthorization"]!.GetValue<bool>());
            Assert.Null(vault.Properties["accessPolicies"]);
        });
        // Application Insights: Entra ID ingestion only.
        Assert.All(deployment.OfType("Microsoft.Insights/components"), ai => Assert.True(ai.Properties!["DisableLocalAuth"]!.GetValue<bool>()));
        Assert.Matches(@"^ClientId=.+;Authorization=AAD$", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
    }

    /// <summary>The identity holds each data-plane role it needs, on the resource it needs it for.</summary>
    [Theory]
    [MemberData(nameof(Environments))]
    public void The_identity_has_exactly_the_data_plane_roles_it_needs(string environment)
    {
        var deployment = infra.Deployment(environment);
        var forIdentity = deployment.OfType("Microsoft.Authorization/roleAssignments")
            .Where(r => r.Properties!["principalType"]!.GetValue<string>() == "ServicePrincipal")
            .Select(r => (Role: ArmExpression.Text(r.Properties!["roleDefinitionId"]), Scope: ArmExpression.Text(r.Body["scope"]),
                Principal: ArmExpression.Text(r.Properties["principalId"])))
            .ToList();

        Assert.All(forIdentity, a => Assert.Contains(InfraQueries.IdentityType, a.Principal, StringComparison.Ordinal));
        void Has(string role, string scopeType) => Assert.Contains(forIdentity,
            a => a.Role.EndsWith(role, StringComparison.Ordinal) && a.Scope.Contains($"/providers/{scopeType}/", StringComparison.Ordinal));
        Has(StorageBlobDataOwner, "Microsoft.Storage/storageAccounts");
        Has(StorageQueueDataContributor, "Microsoft.Storage/storageAccounts");
        Has(StorageTableDataContributor, "Microsoft.Storage/storageAccounts");
        Has(KeyVaultSecretsUser, "Microsoft.KeyVault/vaults");
        Has(MonitoringMetricsPublisher, "Microsoft.Insights/components");
        Assert.Equal(5, forIdentity.Count);

        var cosmos = deployment.OfType("Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments")
            .Where(r => ArmExpression.Text(r.Properties!["principalId"]).Contains(InfraQueries.IdentityType, StringComparison.Ordinal));
        var assignment = Assert.Single(cosmos);
        Assert.EndsWith($"/sqlRoleDefinitions/{CosmosBuiltInDataContributor}", ArmExpression.Text(assignment.Properties!["roleDefinitionId"]), StringComparison.Ordinal);
        // Scoped to the case store database, not the whole account, in the data-plane form Cosmos DB accepts.
        Assert.Matches(InfraQueries.CosmosDatabaseDataPlaneScope(), ArmExpression.Text(assignment.Properties["scope"]));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void No_role_assignment_grants_control_plane_or_access_management_rights(string environment)
    {
        Assert.All(infra.Deployment(environment).OfType("Microsoft.Authorization/roleAssignments"), assignment =>
        {
            var role = ArmExpression.Text(assignment.Properties!["roleDefinitionId"]);
            Assert.DoesNotContain(PrivilegedRoles, r => role.EndsWith(r, StringComparison.OrdinalIgnoreCase));
        });
    }

    /// <summary>Every role assignment in the source says why it exists, in a comment right above it.</summary>
    [Fact]
    public void Every_role_assignment_is_commented_with_why()
    {
        foreach (var file in Directory.EnumerateFiles(infra.InfraDirectory, "*.bicep", SearchOption.AllDirectories))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (!RoleAssignmentDeclaration().IsMatch(lines[i]))
                    continue;
                Assert.True(i > 0 && lines[i - 1].TrimStart().StartsWith("//", StringComparison.Ordinal),
                    $"{Path.GetFileName(file)}:{i + 1}: say why this role assignment is needed in a comment above it");
            }
        }
    }

    [Fact]
    public void Dev_gives_the_deploying_user_twins_and_prod_gives_people_no_data_plane_access()
    {
        static int UserAssignments(ArmDeployment d) =>
            d.OfType("Microsoft.Authorization/roleAssignments").Concat(d.OfType("Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments"))
                .Count(r => r.Condition && !ArmExpression.Text(r.Properties!["principalId"]).Contains(InfraQueries.IdentityType, StringComparison.Ordinal));

        var withUser = infra.Deployment("dev", ("principalId", "00000000-0000-0000-0000-00000000abcd"));
        Assert.Equal(6, UserAssignments(withUser));
        Assert.Equal("", infra.Parameters("prod")["parameters"]!["principalId"]!["value"]!.GetValue<string>());
        Assert.Equal(0, UserAssignments(infra.Deployment("prod")));
    }

    /// <summary>Function app, queue service, Cosmos DB and Key Vault send their logs to the workspace.</summary>
    [Theory]
    [MemberData(nameof(Environments))]
    public void Diagnostic_settings_send_logs_to_the_workspace(string environment)
    {
        var settings = infra.Deployment(environment).OfType("Microsoft.Insights/diagnosticSettings").ToList();

        foreach (var target in new[] { "Microsoft.Web/sites/", "Microsoft.Storage/storageAccounts/", "/queueServices/", "Microsoft.DocumentDB/databaseAccounts/", "Microsoft.KeyVault/vaults/" })
            Assert.Contains(settings, s => ArmExpression.Text(s.Body["scope"]).Contains(target, StringComparison.Ordinal));
        Assert.All(settings, s =>
        {
            Assert.Contains("'monitoring'", ArmExpression.Text(s.Properties!["workspaceId"]), StringComparison.Ordinal);
            Assert.NotEmpty(s.Properties!["logs"]!.AsArray());
        });
    }

    [GeneratedRegex("(?i)(secret|password|token|connection_?string|key$)")]
    private static partial Regex SecretLikeName();

    [GeneratedRegex("(?i)(AccountKey=|SharedAccessKey=|SharedAccessSignature=|sig=|password=|pwd=|AccessKey=)")]
    private static partial Regex CredentialInValue();

    [GeneratedRegex(@"^\s*resource\s+\w+\s+'Microsoft\.(Authorization/roleAssignments|DocumentDB/databaseAccounts/sqlRoleAssignments)@")]
    private static partial Regex RoleAssignmentDeclaration();
}
