using static Serverless.Workflows.Tests.Definitions.DefinitionFiles;

namespace Serverless.Workflows.Tests.Definitions;

/// <summary>Each rule: one good shipped file with one thing broken, and a message naming the file and the field.</summary>
public class DefinitionRulesTests
{
    [Fact]
    public void Malformed_sla_duration_names_file_and_field()
    {
        var definition = Edit(FishingV1);
        definition["decision_sla"]!["decide_within"] = "P10X";

        AssertNames(Rejected(definition), FishingV1, "decision_sla.decide_within", "'P10X' is not an ISO 8601 duration");
    }

    [Fact]
    public void Service_id_that_is_not_a_slug_is_rejected()
    {
        var definition = Edit(FishingV1);
        definition["service_id"] = "Rod_Fishing";

        AssertNames(Rejected(definition, "services/Rod_Fishing/v1.json"), "services/Rod_Fishing/v1.json", "service_id", "is not a service id");
    }

    [Fact]
    public void Service_id_must_match_its_folder()
    {
        AssertNames(Rejected(Edit(FishingV1), "services/fishing/v1.json"), "services/fishing/v1.json", "service_id", "does not match its folder 'fishing'");
    }

    [Fact]
    public void Version_below_one_is_rejected()
    {
        var definition = Edit(FishingV1);
        definition["version"] = 0;

        AssertNames(Rejected(definition, "services/rod-fishing-licence/v0.json"), "services/rod-fishing-licence/v0.json", "version", "versions start at 1");
    }

    [Fact]
    public void Version_must_match_the_file_name()
    {
        var definition = Edit(FishingV1);
        definition["version"] = 2;

        AssertNames(Rejected(definition), FishingV1, "version", "does not match the file name v1.json");
    }

    [Fact]
    public void File_outside_the_services_layout_is_rejected()
    {
        var exception = Rejected(Edit(FishingV1), "rod-fishing-licence.json");

        Assert.Contains("rod-fishing-licence.json: the file must be named services/<service_id>/v<version>.json", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Identity_level_outside_p0_to_p2_is_rejected()
    {
        var definition = Edit(FishingV1);
        definition["identity_level"] = "P3";

        AssertNames(Rejected(definition), FishingV1, "identity_level", "'P3' is not one of P0, P1, P2");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3000)]
    public void Fee_must_be_above_zero(int pence)
    {
        var definition = Edit(FishingV1);
        definition["fee_pence"] = pence;

        AssertNames(Rejected(definition), FishingV1, "fee_pence", "is not a fee");
    }

    [Fact]
    public void Fee_without_a_pay_account_is_rejected()
    {
        var definition = Edit(FishingV1);
        definition["accounts"]!.AsObject().Remove("pay");

        AssertNames(Rejected(definition), FishingV1, "accounts.pay", "needs the GOV.UK Pay account");
    }

    [Fact]
    public void Pay_account_on_a_free_service_is_rejected()
    {
        var definition = Edit(BlueBadgeV1);
        definition["accounts"]!["pay"] = "local-council-blue-badge";

        AssertNames(Rejected(definition, BlueBadgeV1), BlueBadgeV1, "accounts.pay", "a free service takes no payment");
    }

    [Fact]
    public void Refund_on_rejection_without_a_fee_is_rejected()
    {
        var definition = Edit(BlueBadgeV1);
        definition["refund_on_rejection"] = true;

        AssertNames(Rejected(definition, BlueBadgeV1), BlueBadgeV1, "refund_on_rejection", "nothing to refund");
    }

    [Fact]
    public void Notify_account_must_be_a_credential_name()
    {
        var definition = Edit(FishingV1);
        definition["accounts"]!["notify"] = "Environment Agency";

        AssertNames(Rejected(definition), FishingV1, "accounts.notify", "is not a credential name");
    }

    [Fact]
    public void Department_id_must_be_a_hyphenated_name()
    {
        var definition = Edit(FishingV1);
        definition["department"]!["id"] = "EA";

        AssertNames(Rejected(definition), FishingV1, "department.id", "is not a department id");
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Environment-agency-cases")]
    [InlineData("environment--agency")]
    [InlineData("-environment-agency")]
    [InlineData("environment-agency-")]
    [InlineData("environment_agency")]
    [InlineData("a123456789012345678901234567890123456789012345678901234567890123")]
    public void Department_queue_must_be_an_azure_queue_name(string queue)
    {
        var definition = Edit(FishingV1);
        definition["department"]!["queue"] = queue;

        AssertNames(Rejected(definition), FishingV1, "department.queue", "is not an Azure Storage queue name");
    }

    [Fact]
    public void Department_queue_cannot_be_the_platform_decisions_queue()
    {
        var definition = Edit(FishingV1);
        definition["department"]!["queue"] = "decisions";

        AssertNames(Rejected(definition), FishingV1, "department.queue", "the platform's own decisions queue");
    }

    [Fact]
    public void Department_queue_cannot_be_a_poison_queue()
    {
        var definition = Edit(FishingV1);
        definition["department"]!["queue"] = "environment-agency-cases-poison";

        AssertNames(Rejected(definition), FishingV1, "department.queue", "ending in '-poison'");
    }

    [Fact]
    public void Unknown_sla_clock_is_rejected()
    {
        var definition = Edit(FishingV1);
        definition["decision_sla"]!["clock"] = "business_days";

        AssertNames(Rejected(definition), FishingV1, "decision_sla.clock", "use calendar or working_days");
    }

    [Fact]
    public void Working_days_sla_durations_must_be_whole_days()
    {
        var definition = Edit(BlueBadgeV1);
        definition["decision_sla"]!["remind_after"] = "P7DT4H";

        AssertNames(Rejected(definition, BlueBadgeV1), BlueBadgeV1, "decision_sla.remind_after", "must be whole days");
    }

    [Fact]
    public void Reminder_must_come_before_the_deadline()
    {
        var definition = Edit(FishingV1);
        definition["decision_sla"]!["remind_after"] = "P5D";

        AssertNames(Rejected(definition), FishingV1, "decision_sla.remind_after", "must be shorter than decide_within 'P5D'");
    }

    [Fact]
    public void Zero_length_duration_is_rejected()
    {
        var definition = Edit(FishingV1);
        definition["information_response_within"] = "PT0S";

        AssertNames(Rejected(definition), FishingV1, "information_response_within", "must be longer than zero");
    }

    [Fact]
    public void Retention_in_years_is_rejected()
    {
        var definition = Edit(FishingV1);
        definition["retention"]!["delete_application_data_after"] = "P1Y";

        AssertNames(Rejected(definition), FishingV1, "retention.delete_application_data_after", "write days");
    }

    [Theory]
    [InlineData(Milestones.Received)]
    [InlineData(Milestones.PaymentRequested)]
    [InlineData(Milestones.Closed)]
    public void Every_required_milestone_needs_a_template(string milestone)
    {
        var definition = Edit(FishingV1);
        definition["notifications"]!.AsObject().Remove(milestone);

        AssertNames(Rejected(definition), FishingV1, $"notifications.{milestone}", "a template is required");
    }

    [Fact]
    public void Payment_template_on_a_free_service_is_rejected()
    {
        var definition = Edit(BlueBadgeV1);
        definition["notifications"]![Milestones.PaymentRequested] = definition["notifications"]![Milestones.Received]!.DeepClone();

        AssertNames(Rejected(definition, BlueBadgeV1), BlueBadgeV1, "notifications.payment_requested", "never asks for payment");
    }

    [Fact]
    public void Misspelt_milestone_is_rejected()
    {
        var definition = Edit(FishingV1);
        definition["notifications"]!["aproved"] = definition["notifications"]![Milestones.Approved]!.DeepClone();

        AssertNames(Rejected(definition), FishingV1, "notifications.aproved", "'aproved' is not a milestone");
    }

    [Fact]
    public void Null_template_is_rejected()
    {
        var definition = Edit(FishingV1);
        definition["notifications"]![Milestones.Approved] = null;

        AssertNames(Rejected(definition), FishingV1, "notifications.approved", "must be a template");
    }

    [Fact]
    public void Null_personalisation_source_is_rejected()
    {
        var definition = Edit(FishingV1);
        definition["notifications"]![Milestones.Approved]!["personalisation"]!["first_name"] = null;

        AssertNames(Rejected(definition), FishingV1, "notifications.approved.personalisation.first_name", "is not a JSON Pointer");
    }

    [Fact]
    public void Unknown_channel_is_rejected()
    {
        var definition = Edit(FishingV1);
        definition["notifications"]![Milestones.Received]!["channel"] = "letter";

        AssertNames(Rejected(definition), FishingV1, "notifications.received.channel", "use email or sms");
    }

    [Fact]
    public void Template_id_must_be_a_guid()
    {
        var definition = Edit(FishingV1);
        definition["notifications"]![Milestones.Approved]!["template_id"] = "approved-template";

        AssertNames(Rejected(definition), FishingV1, "notifications.approved.template_id", "is not a GOV.UK Notify template id");
    }

    [Fact]
    public void Recipient_must_be_a_json_pointer()
    {
        var definition = Edit(FishingV1);
        definition["notifications"]![Milestones.Received]!["recipient"] = "contact.email";

        AssertNames(Rejected(definition), FishingV1, "notifications.received.recipient", "is not a JSON Pointer");
    }

    [Fact]
    public void Recipient_must_be_declared_in_the_application_schema()
    {
        var definition = Edit(FishingV1);
        definition["notifications"]![Milestones.Received]!["recipient"] = "/contact/emial";

        AssertNames(Rejected(definition), FishingV1, "notifications.received.recipient", "'/contact/emial' is not declared in application_schema");
    }

    [Fact]
    public void Personalisation_source_must_be_a_pointer_or_a_case_field()
    {
        var definition = Edit(FishingV1);
        definition["notifications"]![Milestones.Received]!["personalisation"]!["reference"] = "case.refrence";

        AssertNames(Rejected(definition), FishingV1, "notifications.received.personalisation.reference", "or one of case.reference");
    }

    [Fact]
    public void Personalisation_pointer_must_be_declared_in_the_application_schema()
    {
        var definition = Edit(FishingV1);
        definition["notifications"]![Milestones.Approved]!["personalisation"]!["first_name"] = "/applicant/firstname";

        AssertNames(Rejected(definition), FishingV1, "notifications.approved.personalisation.first_name", "is not declared in application_schema");
    }

    [Fact]
    public void Application_schema_that_does_not_compile_is_rejected()
    {
        var definition = Edit(FishingV1);
        definition["application_schema"]!["properties"]!["licence"]!["properties"]!["type"]!["minLength"] = "one";

        AssertNames(Rejected(definition), FishingV1, "application_schema", "does not compile as a JSON Schema");
    }

    [Fact]
    public void Application_schema_with_a_misspelt_keyword_is_rejected()
    {
        var definition = Edit(FishingV1);
        definition["application_schema"]!["requried"] = new JsonArray("applicant");

        AssertNames(Rejected(definition), FishingV1, "application_schema", "requried");
    }

    [Fact]
    public void Application_schema_with_a_misspelt_nested_keyword_is_rejected()
    {
        var definition = Edit(FishingV1);
        definition["application_schema"]!["properties"]!["applicant"]!["properties"]!["first_name"]!["maxLenght"] = 100;

        AssertNames(Rejected(definition), FishingV1, "application_schema", "maxLenght");
    }

    [Fact]
    public void Application_schema_must_be_json_schema_2020_12()
    {
        var definition = Edit(FishingV1);
        definition["application_schema"]!["$schema"] = "http://json-schema.org/draft-07/schema#";

        AssertNames(Rejected(definition), FishingV1, "application_schema", "must be https://json-schema.org/draft/2020-12/schema");
    }

    [Fact]
    public void Application_schema_must_describe_an_object()
    {
        var definition = Edit(FishingV1);
        definition["application_schema"]!["type"] = "array";

        AssertNames(Rejected(definition), FishingV1, "application_schema", "the root must have \"type\": \"object\"");
    }

    [Fact]
    public void Misspelt_property_is_rejected_rather_than_ignored()
    {
        var definition = Edit(FishingV1);
        definition["refund_on_rejecton"] = false;

        AssertNames(Rejected(definition), FishingV1, "refund_on_rejecton", "is not a field of a service definition");
    }

    [Fact]
    public void Misspelt_nested_property_is_rejected_rather_than_ignored()
    {
        var definition = Edit(FishingV1);
        definition["decision_sla"]!["remind_before"] = "P1D";

        AssertNames(Rejected(definition), FishingV1, "decision_sla.remind_before", "is not a field of a service definition");
    }

    [Fact]
    public void Missing_required_property_is_rejected()
    {
        var definition = Edit(FishingV1);
        definition.Remove("retention");

        AssertNames(Rejected(definition), FishingV1, "retention", "is required");
    }

    [Fact]
    public void Null_where_a_value_is_required_is_rejected()
    {
        var definition = Edit(FishingV1);
        definition["name"] = null;

        AssertNames(Rejected(definition), FishingV1, "name", "must not be null");
    }

    [Fact]
    public void Wrong_json_type_is_described_in_plain_words()
    {
        var definition = Edit(FishingV1);
        definition["fee_pence"] = "3000";

        AssertNames(Rejected(definition), FishingV1, "fee_pence", "must be a whole number");
    }

    [Fact]
    public void Broken_json_names_the_file_and_line()
    {
        var exception = Assert.Throws<DefinitionException>(() =>
            DefinitionCatalog.FromSources([new DefinitionSource(FishingV1, "{\n  \"service_id\": \"rod-fishing-licence\",\n  oops\n}")]));

        Assert.StartsWith($"{FishingV1}: ", exception.Message, StringComparison.Ordinal);
        Assert.Contains("(line 3)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_service_and_version_twice_is_rejected()
    {
        var exception = Assert.Throws<DefinitionException>(() =>
            DefinitionCatalog.FromSources([Shipped(FishingV1), Shipped(FishingV1)]));

        AssertNames(exception, FishingV1, "version", $"rod-fishing-licence@v1 is already defined by {FishingV1}");
    }

    [Fact]
    public void Every_problem_in_every_file_is_reported_at_once()
    {
        var fishing = Edit(FishingV1);
        fishing["identity_level"] = "P9";
        fishing["decision_sla"]!["clock"] = "sundial";
        var badge = Edit(BlueBadgeV1);
        badge["department"]!["queue"] = "decisions";

        var exception = Assert.Throws<DefinitionException>(() => DefinitionCatalog.FromSources(
            [new DefinitionSource(FishingV1, fishing.ToJsonString()), new DefinitionSource(BlueBadgeV1, badge.ToJsonString())]));

        Assert.Equal(
            [(BlueBadgeV1, "department.queue"), (FishingV1, "decision_sla.clock"), (FishingV1, "identity_level")],
            exception.Problems.Select(p => (p.Source, p.Field)).Order());
    }
}
