using static Serverless.Workflows.Tests.Definitions.DefinitionFiles;

namespace Serverless.Workflows.Tests.Definitions;

public class ShippedDefinitionsTests
{
    [Fact]
    public void Every_shipped_definition_loads_and_validates()
    {
        var catalog = DefinitionCatalog.LoadEmbedded();

        Assert.Equal(
            ["blue-badge@v1", "blue-badge@v2", "rod-fishing-licence@v1", "rod-fishing-licence@v2"],
            catalog.All.Select(d => d.Key.ToString()));
    }

    [Fact]
    public void Latest_is_the_newest_version_of_each_service()
    {
        var catalog = DefinitionCatalog.LoadEmbedded();

        Assert.Equal(["blue-badge@v2", "rod-fishing-licence@v2"], catalog.Latest.Select(d => d.Key.ToString()));
        Assert.Equal(3300, catalog.FindLatest("rod-fishing-licence")?.FeePence);
        Assert.Null(catalog.FindLatest("passport"));
    }

    [Fact]
    public void Embedded_resources_are_named_by_service_folder_and_version()
    {
        Assert.Equal([BlueBadgeV1, BlueBadgeV2, FishingV1, FishingV2], DefinitionLoader.ReadEmbedded().Select(s => s.Name));
    }

    [Fact]
    public void Fishing_v2_changes_only_the_fee_and_the_with_department_template()
    {
        var catalog = DefinitionCatalog.LoadEmbedded();
        var v1 = catalog.Get(new DefinitionKey("rod-fishing-licence", 1));
        var v2 = catalog.Get(new DefinitionKey("rod-fishing-licence", 2));

        Assert.Equal((3000, 3300), (v1.FeePence, v2.FeePence));
        Assert.NotEqual(v1.Notifications[Milestones.WithDepartment].TemplateId, v2.Notifications[Milestones.WithDepartment].TemplateId);
        Assert.Equal(
            v1.Notifications.Where(n => n.Key != Milestones.WithDepartment).Select(n => n.Value.TemplateId),
            v2.Notifications.Where(n => n.Key != Milestones.WithDepartment).Select(n => n.Value.TemplateId));
        Assert.Equal(v1.Department, v2.Department);
    }

    [Fact]
    public void Blue_badge_is_free_and_decided_within_working_days()
    {
        var badge = DefinitionCatalog.LoadEmbedded().Get(new DefinitionKey("blue-badge", 1));

        Assert.Null(badge.FeePence);
        Assert.Null(badge.Accounts.Pay);
        Assert.Equal(SlaClocks.WorkingDays, badge.DecisionSla.Clock);
        Assert.DoesNotContain(Milestones.PaymentRequested, badge.Notifications.Keys);
        Assert.Contains(badge.Notifications.Values, t => t.Channel == NotificationChannels.Sms);
    }

    [Fact]
    public void Every_shipped_sla_starts_a_reminder_before_the_deadline()
    {
        var clock = new SlaClock(WorkingDayCalendar.LoadBundled());
        var handedOffAt = new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

        foreach (var definition in DefinitionCatalog.LoadEmbedded().All)
        {
            var deadlines = clock.Start(definition.DecisionSla, handedOffAt);
            Assert.True(handedOffAt < deadlines.RemindAt && deadlines.RemindAt < deadlines.DueAt, definition.Key.ToString());
        }
    }
}
