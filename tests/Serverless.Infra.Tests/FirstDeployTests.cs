namespace Serverless.Infra.Tests;

/// <summary>
/// What the first `azd up` (and a redeploy after `azd down`) needs from the template: parameter sets ARM accepts,
/// Cosmos DB role assignments in the scope form Cosmos DB accepts, CI identities, and a Key Vault that can come back.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class FirstDeployTests(CompiledInfra infra)
{
    public static TheoryData<string> ParameterSets => ["dev", "prod", CompiledInfra.Azd];

    [Theory]
    [MemberData(nameof(ParameterSets))]
    public void Every_parameter_set_is_one_arm_accepts(string parameterSet)
    {
        var violations = ParameterConstraints.Violations(infra.MainTemplate, infra.Parameters(parameterSet));

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void The_constraint_check_rejects_a_non_uk_region_and_a_missing_owner()
    {
        var parameters = infra.Parameters("dev");
        parameters["parameters"]!["location"] = new JsonObject { ["value"] = "westeurope" };
        parameters["parameters"]!.AsObject().Remove("owner");

        var violations = ParameterConstraints.Violations(infra.MainTemplate, parameters);

        Assert.Contains(violations, v => v.StartsWith("location: \"westeurope\" is not one of", StringComparison.Ordinal));
        Assert.Contains("owner: required, not given", violations);
    }

    /// <summary>azd fills main.parameters.json from its environment; these are the variables it sets itself.</summary>
    [Fact]
    public void The_azd_parameters_file_takes_the_environment_region_and_deploying_principal_from_azd()
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(infra.InfraDirectory, "main.parameters.json")))!["parameters"]!;
        string Source(string parameter) => file[parameter]!["value"]!.GetValue<string>();

        Assert.Equal("${AZURE_ENV_NAME}", Source("environmentName"));
        Assert.Equal("${AZURE_LOCATION}", Source("location"));
        Assert.Equal("${AZURE_PRINCIPAL_ID}", Source("principalId"));
        Assert.StartsWith("${AZURE_PRINCIPAL_TYPE", Source("principalType"), StringComparison.Ordinal);
    }

    /// <summary>With the ARM form of the scope the rbac module fails with a 400, and the app, which waits for it, is never created.</summary>
    [Theory]
    [MemberData(nameof(ParameterSets))]
    public void Cosmos_role_assignments_are_scoped_to_the_database_by_its_data_plane_path(string parameterSet)
    {
        var assignments = infra.Deployment(parameterSet).Deployed("Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments").ToList();

        Assert.NotEmpty(assignments);
        Assert.All(assignments, assignment =>
        {
            var scope = ArmExpression.Text(assignment.Properties!["scope"]);
            Assert.Matches(InfraQueries.CosmosDatabaseDataPlaneScope(), scope);
            Assert.DoesNotContain("sqlDatabases", scope, StringComparison.OrdinalIgnoreCase);
        });
    }

    /// <summary>A CI service principal running azd (AZURE_PRINCIPAL_TYPE=ServicePrincipal) gets its twins as one.</summary>
    [Fact]
    public void The_deploying_principal_is_assigned_with_the_type_azd_reports()
    {
        var principalId = CompiledInfra.AzdVariables["AZURE_PRINCIPAL_ID"]!;
        var twins = infra.Deployment(CompiledInfra.Azd).Deployed("Microsoft.Authorization/roleAssignments")
            .Where(r => ArmExpression.Text(r.Properties!["principalId"]) == principalId)
            .ToList();

        Assert.Equal(5, twins.Count);
        Assert.All(twins, twin => Assert.Equal("ServicePrincipal", twin.Properties!["principalType"]!.GetValue<string>()));
    }

    /// <summary>
    /// The vault's name is fixed per environment and survives `azd down` soft-deleted. keyVaultCreateMode=recover brings
    /// it back (README: Redeploying); prod cannot purge it (purge protection) and keeps it 90 days.
    /// </summary>
    [Fact]
    public void A_soft_deleted_vault_is_recovered_by_parameter_and_prod_cannot_purge_it()
    {
        static JsonNode Vault(ArmDeployment d) => Assert.Single(d.Deployed("Microsoft.KeyVault/vaults")).Properties!;

        Assert.Equal("default", Vault(infra.Deployment("dev"))["createMode"]!.GetValue<string>());
        Assert.Equal("recover", Vault(infra.Deployment("dev", ("keyVaultCreateMode", "recover")))["createMode"]!.GetValue<string>());
        var recoverFromAzd = infra.Parameters(CompiledInfra.Azd);
        Assert.Equal("default", recoverFromAzd["parameters"]!["keyVaultCreateMode"]!["value"]!.GetValue<string>());
        Assert.Contains("AZURE_KEY_VAULT_CREATE_MODE",
            AzdParameterFile.Variables(File.ReadAllText(Path.Combine(infra.InfraDirectory, "main.parameters.json"))));

        var prod = Vault(infra.Deployment("prod"));
        Assert.True(prod["enablePurgeProtection"]!.GetValue<bool>());
        Assert.Equal(90, prod["softDeleteRetentionInDays"]!.GetValue<long>());
        Assert.Null(Vault(infra.Deployment("dev"))["enablePurgeProtection"]);
    }
}
