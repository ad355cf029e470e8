using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Workflows.Configuration;

namespace Serverless.Workflows.Tests.Configuration;

public sealed class SettingsRegistrationTests
{
    [Fact]
    public void Options_bind_from_the_section_their_attribute_names()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Journeys:OrphanAge"] = "00:07:00", ["OrphanAge"] = "00:09:00" })
            .Build();

        using var services = new ServiceCollection().AddSettings<JourneyOptions>(configuration).Services.BuildServiceProvider();

        Assert.Equal(TimeSpan.FromMinutes(7), services.GetRequiredService<IOptions<JourneyOptions>>().Value.OrphanAge);
        Assert.Equal("Journeys", SettingsRegistration.SectionOf<JourneyOptions>());
    }

    [Fact]
    public void A_class_without_a_settings_section_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new ServiceCollection().AddSettings<Unsectioned>(new ConfigurationBuilder().Build()));

        Assert.Contains(nameof(Unsectioned), error.Message, StringComparison.Ordinal);
    }

    private sealed class Unsectioned
    {
        public string Value { get; set; } = "";
    }
}
