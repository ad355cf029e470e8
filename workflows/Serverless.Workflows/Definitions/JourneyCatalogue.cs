using System.Text;

namespace Serverless.Workflows.Definitions;

/// <summary>Definitions/CATALOGUE.md: every service version with its journey diagram. Committed, and checked current by a test.</summary>
public static class JourneyCatalogue
{
    public const string RegenerateCommand = "npm run catalogue";

    public static string Markdown(IEnumerable<ServiceDefinition> definitions)
    {
        var text = new StringBuilder();
        text.Append("# Service catalogue\n\n")
            .Append("Generated from `services/<service_id>/v<N>.json` by `JourneyDiagram`; do not edit. Regenerate with `")
            .Append(RegenerateCommand).Append("` (a test fails when this page is out of date).\n");
        foreach (var definition in definitions.OrderBy(d => d.ServiceId, StringComparer.Ordinal).ThenBy(d => d.Version))
        {
            text.Append($"\n## {definition.Name} (`{definition.ServiceId}` v{definition.Version})\n\n")
                .Append($"Department: {definition.Department.Name}. Identity: {definition.IdentityLevel}. ")
                .Append(definition.FeePence is not { } fee ? "Free." : $"Fee: {JourneyDiagram.Pounds(fee)}{(definition.RefundOnRejection ? ", refunded on rejection" : "")}.")
                .Append("\n\n```mermaid\n").Append(JourneyDiagram.Mermaid(definition)).Append("```\n");
        }

        return text.ToString();
    }

    /// <summary>Writes the page for the shipped definitions to <paramref name="path"/> (the catalogue verb of the validate tool).</summary>
    public static int Write(string path, TextWriter output)
    {
        File.WriteAllText(path, Markdown(DefinitionCatalog.LoadEmbedded().All));
        output.WriteLine($"wrote {path}");
        return 0;
    }
}
