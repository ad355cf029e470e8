using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Workflows.Applications;
using static Serverless.Workflows.Tests.Definitions.DefinitionFiles;

namespace Serverless.Workflows.Tests.Definitions;

public class JourneyDiagramTests
{
    private static ServiceDefinition Definition(JsonObject json) => JsonSerializer.Deserialize<ServiceDefinition>(json.ToJsonString())!;

    private static ServiceDefinition Loaded(string file) => DefinitionCatalog.LoadEmbedded().All.Single(d => DefinitionSource.NameFor(d.Key) == file);

    [Fact]
    public void Paid_service_takes_payment_before_the_hand_off_and_refunds_a_rejection()
    {
        var mermaid = JourneyDiagram.Mermaid(Loaded(FishingV1));

        Assert.StartsWith("flowchart TD\n", mermaid, StringComparison.Ordinal);
        Assert.Contains("identity -- \"yes\" --> payment", mermaid, StringComparison.Ordinal);
        Assert.Contains("payment{\"Pay £30.00 with GOV.UK Pay\"}", mermaid, StringComparison.Ordinal);
        Assert.Contains("payment -- \"paid\" --> handoff", mermaid, StringComparison.Ordinal);
        Assert.Contains("closed_payment([\"Closed: payment failed or expired\"])", mermaid, StringComparison.Ordinal);
        Assert.Contains("rejected --> refunded([\"Refund £30.00\"])", mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public void Paid_service_without_a_refund_policy_draws_no_refund()
    {
        var json = Edit(FishingV1);
        json["refund_on_rejection"] = false;

        Assert.DoesNotContain("refunded", JourneyDiagram.Mermaid(Definition(json)), StringComparison.Ordinal);
    }

    [Fact]
    public void Free_service_goes_from_identity_straight_to_the_department()
    {
        var mermaid = JourneyDiagram.Mermaid(Loaded(BlueBadgeV2));

        Assert.Contains("identity{\"GOV.UK One Login: identity at P2 or above?\"}", mermaid, StringComparison.Ordinal);
        Assert.Contains("identity -- \"yes (no fee)\" --> handoff", mermaid, StringComparison.Ordinal);
        Assert.DoesNotContain("payment", mermaid, StringComparison.Ordinal);
        Assert.DoesNotContain("Refund", mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public void Department_hand_off_shows_its_queue_reminder_escalation_and_information_loop()
    {
        var mermaid = JourneyDiagram.Mermaid(Loaded(BlueBadgeV2));

        Assert.Contains("handoff[\"Hand-off to Local council Blue Badge team<br/>queue blue-badge-cases\"]", mermaid, StringComparison.Ordinal);
        Assert.Contains("waiting -- \"no decision after 7 working days\" --> remind", mermaid, StringComparison.Ordinal);
        Assert.Contains("waiting -- \"no decision after 10 working days\" --> escalate", mermaid, StringComparison.Ordinal);
        Assert.Contains("information{\"Citizen answers within 28 days?\"}", mermaid, StringComparison.Ordinal);
        Assert.Contains("information -- \"no\" --> closed_information", mermaid, StringComparison.Ordinal);
        Assert.Contains("waiting -- \"approved\" --> approved", mermaid, StringComparison.Ordinal);
        Assert.Contains("waiting -- \"rejected\" --> rejected", mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public void Calendar_sla_in_hours_is_shown_as_written()
    {
        var json = Edit(FishingV1);
        json["decision_sla"]!["remind_after"] = "PT36H";

        Assert.Contains("no decision after PT36H", JourneyDiagram.Mermaid(Definition(json)), StringComparison.Ordinal);
    }

    [Fact]
    public void Quotes_and_angle_brackets_in_names_cannot_break_the_diagram()
    {
        var json = Edit(FishingV1);
        json["name"] = "Buy a \"rod\" <licence>";

        Assert.Contains("submitted([\"Buy a #quot;rod#quot; #lt;licence#gt;: application submitted\"])", JourneyDiagram.Mermaid(Definition(json)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diagram_endpoint_returns_the_latest_version_as_json()
    {
        var (status, body) = await ExecuteAsync(ServiceDiagramView.For(DefinitionCatalog.LoadEmbedded(), "blue-badge"));

        Assert.Equal(StatusCodes.Status200OK, status);
        var json = JsonNode.Parse(body)!;
        Assert.Equal("blue-badge", json["service_id"]!.GetValue<string>());
        Assert.Equal(2, json["version"]!.GetValue<int>());
        Assert.Equal(JourneyDiagram.Mermaid(Loaded(BlueBadgeV2)), json["mermaid"]!.GetValue<string>());
    }

    [Fact]
    public async Task Diagram_of_an_unknown_service_is_a_404_problem()
    {
        var (status, body) = await ExecuteAsync(ServiceDiagramView.For(DefinitionCatalog.LoadEmbedded(), "passport"));

        Assert.Equal(StatusCodes.Status404NotFound, status);
        Assert.Contains("Service 'passport' was not found.", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Committed_catalogue_page_is_current()
    {
        var committed = File.ReadAllText(RepositoryPath("workflows", "Serverless.Workflows", "Definitions", "CATALOGUE.md")).ReplaceLineEndings("\n");

        var generated = JourneyCatalogue.Markdown(DefinitionCatalog.LoadEmbedded().All);

        Assert.True(committed == generated,
            $"Definitions/CATALOGUE.md is out of date with the definitions or JourneyDiagram: run `{JourneyCatalogue.RegenerateCommand}` and commit it.");
    }

    private static async Task<(int Status, string Body)> ExecuteAsync(IResult result)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        using var reader = new StreamReader(context.Response.Body);
        return (context.Response.StatusCode, await reader.ReadToEndAsync());
    }
}
