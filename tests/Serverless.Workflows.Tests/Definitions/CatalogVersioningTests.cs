using static Serverless.Workflows.Tests.Definitions.DefinitionFiles;

namespace Serverless.Workflows.Tests.Definitions;

public class CatalogVersioningTests
{
    private static readonly DefinitionKey V1 = new("rod-fishing-licence", 1);
    private static readonly DefinitionKey V2 = new("rod-fishing-licence", 2);

    [Fact]
    public void Publishing_v2_moves_new_applications_while_an_in_flight_v1_case_keeps_v1()
    {
        var catalog = DefinitionCatalog.FromSources([Shipped(FishingV1)]);
        var inFlightCase = catalog.FindLatest("rod-fishing-licence")!.Key;

        catalog.Publish(Shipped(FishingV2));

        Assert.Equal(V1, inFlightCase);
        Assert.Equal(3000, catalog.Get(inFlightCase).FeePence);
        Assert.Equal(V2, catalog.FindLatest("rod-fishing-licence")!.Key);
        Assert.Equal(3300, catalog.FindLatest("rod-fishing-licence")!.FeePence);
        Assert.Equal([V1, V2], catalog.All.Select(d => d.Key));
    }

    [Fact]
    public void Definition_built_in_code_can_be_published_as_the_next_version()
    {
        var catalog = DefinitionCatalog.LoadEmbedded();
        var v3 = catalog.Get(V2) with { Version = 3, FeePence = 3500 };

        catalog.Publish(v3);

        Assert.Equal(3500, catalog.FindLatest("rod-fishing-licence")!.FeePence);
        Assert.True(catalog.Validate(v3.Key, JsonSerializer.SerializeToElement(new { })).Errors.Count > 0);
    }

    [Fact]
    public void Publishing_an_existing_version_is_refused_and_changes_nothing()
    {
        var catalog = DefinitionCatalog.LoadEmbedded();
        var rewritten = catalog.Get(V1) with { FeePence = 1 };

        var exception = Assert.Throws<DefinitionException>(() => catalog.Publish(rewritten));

        AssertNames(exception, FishingV1, "version", "a published version never changes, publish v3 instead");
        Assert.Equal(3000, catalog.Get(V1).FeePence);
    }

    [Fact]
    public void Publishing_an_invalid_definition_is_refused_with_the_same_rules_as_a_file()
    {
        var catalog = DefinitionCatalog.LoadEmbedded();
        var broken = catalog.Get(V2) with { Version = 3, IdentityLevel = "P7" };

        var exception = Assert.Throws<DefinitionException>(() => catalog.Publish(broken));

        AssertNames(exception, "services/rod-fishing-licence/v3.json", "identity_level", "'P7' is not one of P0, P1, P2");
        Assert.Equal(V2, catalog.FindLatest("rod-fishing-licence")!.Key);
    }

    [Fact]
    public void Getting_an_unloaded_version_throws_rather_than_falling_back()
    {
        var catalog = DefinitionCatalog.LoadEmbedded();

        var exception = Assert.Throws<KeyNotFoundException>(() => catalog.Get(new DefinitionKey("rod-fishing-licence", 3)));

        Assert.Contains("rod-fishing-licence@v3 is not loaded (loaded: v1, v2)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("never falls back", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Getting_an_unknown_service_says_none_of_it_is_loaded()
    {
        var exception = Assert.Throws<KeyNotFoundException>(() => DefinitionCatalog.LoadEmbedded().Get(new DefinitionKey("passport", 1)));

        Assert.Contains("no version of that service is loaded", exception.Message, StringComparison.Ordinal);
    }
}
