using System.Globalization;
using System.Text;

namespace Serverless.Workflows.Definitions;

/// <summary>
/// A definition's journey as a Mermaid flowchart, drawn from the definition alone: identity level, payment when there is
/// a fee, the department hand-off with its SLA reminder and escalation, the information loop, the outcomes, and the
/// refund when the policy gives one. It follows what the current journey (ServiceJourney_v2) does with those settings.
/// </summary>
public static class JourneyDiagram
{
    public static string Mermaid(ServiceDefinition definition)
    {
        var sla = definition.DecisionSla;
        var workingDays = sla.Clock == SlaClocks.WorkingDays;
        var department = definition.Department;
        var text = new StringBuilder();
        void Line(string line) => text.Append("    ").Append(line).Append('\n');

        text.Append("flowchart TD\n");
        Line($"submitted([\"{Label(definition.Name)}: application submitted\"])");
        Line($"identity{{\"GOV.UK One Login: identity at {definition.IdentityLevel} or above?\"}}");
        Line("submitted --> identity");
        Line("identity -- \"no\" --> closed_identity([\"Closed: identity not strong enough\"])");
        if (definition.FeePence is { } fee)
        {
            Line($"payment{{\"Pay {Pounds(fee)} with GOV.UK Pay\"}}");
            Line("identity -- \"yes\" --> payment");
            Line("payment -- \"failed or expired\" --> closed_payment([\"Closed: payment failed or expired\"])");
            Line("payment -- \"paid\" --> handoff");
        }
        else
        {
            Line("identity -- \"yes (no fee)\" --> handoff");
        }

        Line($"handoff[\"Hand-off to {Label(department.Name)}<br/>queue {department.Queue}\"]");
        Line($"waiting{{\"Department decides<br/>due within {Duration(sla.DecideWithin, workingDays)}\"}}");
        Line("handoff --> waiting");
        Line($"waiting -- \"no decision after {Duration(sla.RemindAfter, workingDays)}\" --> remind[\"Remind the department\"]");
        Line("remind --> waiting");
        Line($"waiting -- \"no decision after {Duration(sla.DecideWithin, workingDays)}\" --> escalate[\"Escalate: SLA breached\"]");
        Line("escalate --> waiting");
        Line($"waiting -- \"information requested\" --> information{{\"Citizen answers within {Duration(definition.InformationResponseWithin, workingDays: false)}?\"}}");
        Line("information -- \"answered: back to the department, SLA clock paused meanwhile\" --> waiting");
        Line("information -- \"no\" --> closed_information([\"Closed: information not provided\"])");
        Line("waiting -- \"approved\" --> approved([\"Approved\"])");
        Line("waiting -- \"rejected\" --> rejected([\"Rejected\"])");
        if (definition.RefundOnRejection && definition.FeePence is { } refund)
            Line($"rejected --> refunded([\"Refund {Pounds(refund)}\"])");
        return text.ToString();
    }

    internal static string Pounds(int pence) =>
        "£" + (pence / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    // "P10D" reads as "10 working days" under a working-days clock; anything with a time part stays as written.
    private static string Duration(string iso, bool workingDays)
    {
        if (!IsoDuration.TryParse(iso, out var duration, out _) || !IsoDuration.IsWholeDays(duration))
            return iso;
        var days = (long)duration.TotalDays;
        var unit = workingDays ? "working day" : "day";
        return string.Create(CultureInfo.InvariantCulture, $"{days} {unit}{(days == 1 ? "" : "s")}");
    }

    // Mermaid ends a quoted label at a double quote; #quot; is its escape. Angle brackets would read as HTML.
    private static string Label(string text) =>
        text.Replace("\"", "#quot;", StringComparison.Ordinal).Replace("<", "#lt;", StringComparison.Ordinal).Replace(">", "#gt;", StringComparison.Ordinal);
}
