namespace Serverless.Workflows.Tests.Definitions;

public class ApplicationValidationTests
{
    private static readonly DefinitionKey FishingV1 = new("rod-fishing-licence", 1);
    private static readonly DefinitionKey BlueBadgeV1 = new("blue-badge", 1);
    private static readonly DefinitionCatalog Catalog = DefinitionCatalog.LoadEmbedded();

    private static JsonObject FishingApplication() => new()
    {
        ["applicant"] = new JsonObject { ["first_name"] = "Ada", ["last_name"] = "Angler", ["date_of_birth"] = "1985-07-14" },
        ["contact"] = new JsonObject { ["email"] = "ada@example.com", ["mobile"] = "07700 900982" },
        ["licence"] = new JsonObject { ["type"] = "trout-and-coarse-2-rod", ["duration"] = "12-month", ["start_date"] = "2026-04-01" },
    };

    private static JsonObject BlueBadgeApplication() => new()
    {
        ["applicant"] = new JsonObject
        {
            ["first_name"] = "Bill", ["last_name"] = "Badge", ["date_of_birth"] = "1948-11-02", ["national_insurance_number"] = "AB 12 34 56 C",
        },
        ["contact"] = new JsonObject { ["email"] = "bill@example.com", ["mobile"] = "+44 7700 900123" },
        ["address"] = new JsonObject { ["line_1"] = "1 High Street", ["town"] = "Kendal", ["postcode"] = "LA9 4DL" },
        ["eligibility"] = new JsonObject { ["reason"] = "pip-mobility" },
    };

    private static ApplicationValidation Validate(DefinitionKey key, JsonNode application) =>
        Catalog.Validate(key, JsonSerializer.SerializeToElement(application));

    [Fact]
    public void Valid_fishing_application_passes()
    {
        var validation = Validate(FishingV1, FishingApplication());

        Assert.True(validation.IsValid, string.Join("; ", validation.Errors));
    }

    [Fact]
    public void Invalid_fishing_application_names_each_failing_pointer()
    {
        var application = FishingApplication();
        application["applicant"]!.AsObject().Remove("last_name");
        application["applicant"]!["date_of_birth"] = "1985-02-30";
        application["contact"]!["email"] = "ada-at-example";
        application["licence"]!["type"] = "carp-only";

        var validation = Validate(FishingV1, application);

        Assert.False(validation.IsValid);
        Assert.Equal(
            ["/applicant/date_of_birth", "/applicant/last_name", "/contact/email", "/licence/type"],
            validation.Errors.Select(e => e.Pointer).Order(StringComparer.Ordinal));
        Assert.Contains(new ValidationError("/applicant/last_name", "This field is required."), validation.Errors);
        Assert.Contains(new ValidationError("/applicant/date_of_birth", "Must be a real date in the format YYYY-MM-DD."), validation.Errors);
    }

    [Fact]
    public void Missing_section_is_reported_on_its_own_pointer()
    {
        var application = FishingApplication();
        application.Remove("licence");

        Assert.Equal([new ValidationError("/licence", "This field is required.")], Validate(FishingV1, application).Errors);
    }

    [Fact]
    public void Unexpected_field_is_refused()
    {
        var application = FishingApplication();
        application["applicant"]!["nickname"] = "Ace";

        Assert.Equal([new ValidationError("/applicant/nickname", "Is not an expected field.")], Validate(FishingV1, application).Errors);
    }

    [Fact]
    public void Enum_message_lists_the_choices_from_the_schema()
    {
        var application = FishingApplication();
        application["licence"]!["duration"] = "forever";

        var error = Assert.Single(Validate(FishingV1, application).Errors);
        Assert.Equal("Must be one of: 1-day, 8-day, 12-month.", error.Message);
    }

    [Fact]
    public void Messages_never_repeat_the_submitted_values()
    {
        var application = FishingApplication();
        application["applicant"]!["first_name"] = 19850714;
        application["applicant"]!["secret_note"] = "PERSONAL-DATA-1";
        application["contact"]!["email"] = "PERSONAL-DATA-2";
        application["contact"]!["mobile"] = "PERSONAL-DATA-3";
        application["licence"]!["start_date"] = "PERSONAL-DATA-4";

        var errors = Validate(FishingV1, application).Errors;

        Assert.Equal(5, errors.Count);
        Assert.All(errors, e => Assert.DoesNotContain("PERSONAL-DATA", e.Message, StringComparison.Ordinal));
        Assert.All(errors, e => Assert.DoesNotContain("19850714", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Pattern_failure_explains_the_expected_shape_from_the_schema_description()
    {
        var application = BlueBadgeApplication();
        application["address"]!["postcode"] = "not a postcode";

        var error = Assert.Single(Validate(BlueBadgeV1, application).Errors);
        Assert.Equal(new ValidationError("/address/postcode", "Is not in the right format: a UK postcode, like SW1A 2AA."), error);
    }

    [Fact]
    public void Valid_blue_badge_application_passes()
    {
        var validation = Validate(BlueBadgeV1, BlueBadgeApplication());

        Assert.True(validation.IsValid, string.Join("; ", validation.Errors));
    }

    [Fact]
    public void Walking_difficulty_must_be_described()
    {
        var application = BlueBadgeApplication();
        application["eligibility"]!["reason"] = "walking-difficulty";

        Assert.Equal([new ValidationError("/eligibility/description", "This field is required.")], Validate(BlueBadgeV1, application).Errors);
    }

    [Fact]
    public void Failed_alternatives_are_summarised_once_not_listed()
    {
        var definition = DefinitionFiles.Edit(DefinitionFiles.FishingV1);
        var contact = definition["application_schema"]!["properties"]!["contact"]!.AsObject();
        contact["required"] = new JsonArray();
        contact["anyOf"] = new JsonArray(new JsonObject { ["required"] = new JsonArray("email") }, new JsonObject { ["required"] = new JsonArray("mobile") });
        var catalog = DefinitionCatalog.FromSources([new DefinitionSource(DefinitionFiles.FishingV1, definition.ToJsonString())]);
        var application = FishingApplication();
        application["contact"] = new JsonObject();

        var errors = catalog.Validate(FishingV1, JsonSerializer.SerializeToElement(application)).Errors;

        Assert.Equal([new ValidationError("/contact", "Does not match any of the allowed options.")], errors);
    }

    [Fact]
    public void Body_that_is_not_an_object_is_refused_at_the_root()
    {
        var error = Assert.Single(Validate(FishingV1, new JsonArray()).Errors);

        Assert.Equal(new ValidationError("", "Must be a group of fields."), error);
    }

    [Fact]
    public void Validating_against_an_unloaded_version_throws()
    {
        var exception = Assert.Throws<KeyNotFoundException>(() => Validate(new DefinitionKey("rod-fishing-licence", 9), FishingApplication()));

        Assert.Contains("rod-fishing-licence@v9 is not loaded (loaded: v1, v2)", exception.Message, StringComparison.Ordinal);
    }
}
