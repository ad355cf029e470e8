namespace Serverless.Workflows.Departments;

/// <summary>
/// The department message contract. Each type carries its major version; a breaking change is a new type (…v2) sent
/// alongside the old one until departments move. Every type has a JSON Schema in Departments/contracts/.
/// </summary>
public static class MessageTypes
{
    private const string Prefix = "uk.gov.serverless.case.";

    // Outbound: platform -> department queue.
    public const string Submitted = Prefix + "submitted.v1";

    /// <summary>A case whose application is too large for a queue message: <c>data.application_ref</c> links to it.</summary>
    public const string SubmittedByReference = Prefix + "submitted.v2";
    public const string InformationProvided = Prefix + "information_provided.v1";
    public const string Reminder = Prefix + "reminder.v1";

    // Inbound: department -> decisions queue.
    public const string Decision = Prefix + "decision.v1";

    public static IReadOnlyList<string> All { get; } = [Submitted, SubmittedByReference, InformationProvided, Reminder, Decision];

    /// <summary>The schema file for a type, e.g. <c>case.submitted.v1.schema.json</c>.</summary>
    public static string SchemaFile(string type) => type[("uk.gov.serverless.".Length)..] + ".schema.json";
}

/// <summary>What a department can decide.</summary>
public static class DecisionOutcomes
{
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string InformationRequested = "information_requested";
}
