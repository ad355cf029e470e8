using System.Text.Json;

namespace Serverless.Workflows.Definitions;

/// <summary>A template for every milestone the journey can reach, each pointing at fields the application really has.</summary>
internal static class NotificationRules
{
    public static void Check(ServiceDefinition definition, ProblemList problems)
    {
        var hasFee = definition.FeePence is not null;
        foreach (var milestone in Milestones.Required(hasFee).Where(m => !definition.Notifications.ContainsKey(m)))
            problems.Add($"notifications.{milestone}", $"a template is required for the '{milestone}' milestone");

        foreach (var (milestone, template) in definition.Notifications)
        {
            var field = $"notifications.{milestone}";
            // Nullable annotations do not reach dictionary values, so a "milestone": null entry arrives here.
            if (template is null)
            {
                problems.Add(field, "must be a template, not null");
                continue;
            }

            if (!Milestones.All.Contains(milestone, StringComparer.Ordinal))
                problems.Add(field, $"'{milestone}' is not a milestone: use one of {string.Join(", ", Milestones.All)}");
            else if (milestone == Milestones.PaymentRequested && !hasFee)
                problems.Add(field, "a free service never asks for payment: remove this template or set fee_pence");

            CheckTemplate(field, template, definition.ApplicationSchema, problems);
        }
    }

    private static void CheckTemplate(string field, NotificationTemplate template, JsonElement schema, ProblemList problems)
    {
        if (!NotificationChannels.All.Contains(template.Channel, StringComparer.Ordinal))
            problems.Add($"{field}.channel", $"'{template.Channel}' is not a channel: use {string.Join(" or ", NotificationChannels.All)}");

        if (!Guid.TryParseExact(template.TemplateId, "D", out _))
            problems.Add($"{field}.template_id", $"'{template.TemplateId}' is not a GOV.UK Notify template id (a GUID)");

        CheckApplicationPointer($"{field}.recipient", template.Recipient, schema, problems);

        foreach (var (name, source) in template.Personalisation)
        {
            var sourceField = $"{field}.personalisation.{name}";
            if (string.IsNullOrWhiteSpace(name))
                problems.Add(sourceField, "a personalisation field needs a name");
            if (!CaseFields.All.Contains(source, StringComparer.Ordinal))
                CheckApplicationPointer(sourceField, source, schema, problems, allowCaseFields: true);
        }
    }

    private static void CheckApplicationPointer(
        string field, string pointer, JsonElement schema, ProblemList problems, bool allowCaseFields = false)
    {
        if (!JsonPointerText.TryParseField(pointer, out var segments))
        {
            var expected = allowCaseFields
                ? $"a JSON Pointer into the application (e.g. /applicant/first_name) or one of {string.Join(", ", CaseFields.All)}"
                : "a JSON Pointer into the application (e.g. /contact/email)";
            problems.Add(field, $"'{pointer}' is not {expected}");
        }
        else if (!SchemaProperties.IsDeclared(schema, segments))
        {
            problems.Add(field, $"'{pointer}' is not declared in application_schema properties");
        }
    }
}
