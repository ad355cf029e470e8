using System.Text.RegularExpressions;

namespace Serverless.Infra.Tests;

/// <summary>Lookups over an evaluated deployment that several test classes share.</summary>
internal static partial class InfraQueries
{
    public const string IdentityType = "Microsoft.ManagedIdentity/userAssignedIdentities";

    /// <summary>
    /// The scope Cosmos DB accepts for a data-plane role assignment on the case store database: {account id}/dbs/{database}.
    /// The ARM id of the database (.../sqlDatabases/{database}) is rejected with 400 BadRequest.
    /// </summary>
    [GeneratedRegex("/providers/Microsoft\\.DocumentDB/databaseAccounts/[^/]+/dbs/serverless$")]
    public static partial Regex CosmosDatabaseDataPlaneScope();

    /// <summary>The Function App's app settings (the sites/config 'appsettings' resource), as text.</summary>
    public static Dictionary<string, string> AppSettings(ArmDeployment deployment)
    {
        var config = Assert.Single(deployment.OfType("Microsoft.Web/sites/config"), r => r.ShortName == "appsettings");
        Assert.Null(Assert.Single(deployment.OfType("Microsoft.Web/sites")).Properties?["siteConfig"]?["appSettings"]);
        return config.Properties!.AsObject().ToDictionary(p => p.Key, p => ArmExpression.Text(p.Value), StringComparer.Ordinal);
    }

    /// <summary>Every queue the storage account gets.</summary>
    public static IReadOnlyList<string> Queues(ArmDeployment deployment) =>
        [.. deployment.OfType("Microsoft.Storage/storageAccounts/queueServices/queues").Select(q => q.ShortName)];

    /// <summary>KQL of the workbook and of every log alert rule.</summary>
    public static IReadOnlyList<(string Source, string Kql)> Queries(ArmDeployment deployment)
    {
        var queries = new List<(string, string)>();
        foreach (var workbook in deployment.OfType("Microsoft.Insights/workbooks"))
        {
            var data = JsonNode.Parse(workbook.Properties!["serializedData"]!.GetValue<string>())!;
            foreach (var item in data["items"]!.AsArray())
                if (item?["content"]?["query"] is JsonValue query)
                    queries.Add(($"workbook: {item["content"]!["title"]}", query.GetValue<string>()));
        }
        foreach (var rule in deployment.OfType("Microsoft.Insights/scheduledQueryRules"))
            foreach (var criterion in rule.Properties!["criteria"]!["allOf"]!.AsArray())
                queries.Add(($"alert: {rule.Properties["displayName"]}", criterion!["query"]!.GetValue<string>()));
        return queries;
    }
}
