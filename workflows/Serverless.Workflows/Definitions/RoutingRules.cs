using Serverless.Workflows.Configuration;

namespace Serverless.Workflows.Definitions;

/// <summary>Who the service is, who decides it and who is paid: service id, version, department, identity level, fee and accounts.</summary>
internal static class RoutingRules
{
    public static void Check(ServiceDefinition definition, DefinitionFileName? file, ProblemList problems)
    {
        CheckIdAndVersion(definition, file, problems);
        CheckDepartment(definition.Department, problems);
        CheckFeeAndAccounts(definition, problems);

        if (!IdentityLevels.All.Contains(definition.IdentityLevel, StringComparer.Ordinal))
            problems.Add("identity_level", $"'{definition.IdentityLevel}' is not one of {string.Join(", ", IdentityLevels.All)}");
    }

    private static void CheckIdAndVersion(ServiceDefinition definition, DefinitionFileName? file, ProblemList problems)
    {
        if (file is null)
            problems.Add(null, "the file must be named services/<service_id>/v<version>.json");

        if (!Names.IsServiceId(definition.ServiceId))
            problems.Add("service_id", $"'{definition.ServiceId}' is not a service id (3-41 lower-case letters, digits and hyphens, starting with a letter)");
        else if (file is not null && file.Folder != definition.ServiceId)
            problems.Add("service_id", $"'{definition.ServiceId}' does not match its folder '{file.Folder}'");

        if (definition.Version < 1)
            problems.Add("version", $"{definition.Version} is not a version: versions start at 1");
        else if (file is not null && file.Version != definition.Version)
            problems.Add("version", $"{definition.Version} does not match the file name v{file.Version}.json");

        if (string.IsNullOrWhiteSpace(definition.Name))
            problems.Add("name", "the service needs a name citizens will recognise");
    }

    private static void CheckDepartment(DepartmentRoute department, ProblemList problems)
    {
        if (!Names.IsHyphenatedName(department.Id))
            problems.Add("department.id", $"'{department.Id}' is not a department id (lower-case letters, digits and single hyphens)");

        if (string.IsNullOrWhiteSpace(department.Name))
            problems.Add("department.name", "the department needs a name");

        var queue = department.Queue;
        if (!Names.IsQueueName(queue))
            problems.Add("department.queue", $"'{queue}' is not an Azure Storage queue name (3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit)");
        else if (queue == QueueNames.Decisions)
            problems.Add("department.queue", $"'{queue}' is the platform's own decisions queue");
        else if (queue.EndsWith(QueueNames.PoisonOf(string.Empty), StringComparison.Ordinal))
            problems.Add("department.queue", $"'{queue}' is reserved: names ending in '-poison' hold rejected messages");
    }

    private static void CheckFeeAndAccounts(ServiceDefinition definition, ProblemList problems)
    {
        var hasFee = definition.FeePence is not null;
        if (definition.FeePence is <= 0)
            problems.Add("fee_pence", $"{definition.FeePence} is not a fee: leave it out (or null) for a free service, otherwise give pence above zero");

        if (hasFee && string.IsNullOrEmpty(definition.Accounts.Pay))
            problems.Add("accounts.pay", "a service with a fee needs the GOV.UK Pay account to take it");
        else if (!hasFee && definition.Accounts.Pay is not null)
            problems.Add("accounts.pay", "a free service takes no payment: remove the GOV.UK Pay account or set fee_pence");
        else if (hasFee && !Names.IsHyphenatedName(definition.Accounts.Pay, 100))
            problems.Add("accounts.pay", $"'{definition.Accounts.Pay}' is not a credential name (lower-case letters, digits and single hyphens)");

        if (!Names.IsHyphenatedName(definition.Accounts.Notify, 100))
            problems.Add("accounts.notify", $"'{definition.Accounts.Notify}' is not a credential name (lower-case letters, digits and single hyphens)");

        if (definition.RefundOnRejection && !hasFee)
            problems.Add("refund_on_rejection", "a free service has nothing to refund: remove it or set fee_pence");
    }
}
