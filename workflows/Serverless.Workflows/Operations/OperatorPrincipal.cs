namespace Serverless.Workflows.Operations;

/// <summary>The operator roles, the same on both hosts (configured keys on the self-host, Entra ID app roles in Azure).</summary>
public static class OperatorRoles
{
    /// <summary>Sees and acts on every case.</summary>
    public const string Platform = "ops.platform";

    /// <summary>Sees and acts on one department's cases only.</summary>
    public const string Department = "ops.department";

    /// <summary>
    /// An Entra ID app role cannot carry a parameter, so a department operator's role names its department:
    /// <c>ops.department.{department_id}</c>.
    /// </summary>
    public const string DepartmentPrefix = Department + ".";
}

/// <summary>An authenticated operator: who (for the timeline), their role, and the department a department role is scoped to.</summary>
public sealed record OperatorPrincipal(string Name, string Role, string? DepartmentId)
{
    /// <summary>A valid principal: platform, or department with a department id. Anything else is not an operator.</summary>
    public static OperatorPrincipal? Create(string name, string? role, string? departmentId) => role switch
    {
        OperatorRoles.Platform => new(name, role, null),
        OperatorRoles.Department when !string.IsNullOrWhiteSpace(departmentId) => new(name, role, departmentId),
        _ => null,
    };

    /// <summary>The department this operator is limited to, or null for all.</summary>
    public string? Scope => Role == OperatorRoles.Platform ? null : DepartmentId;

    public bool MaySee(string departmentId) => Scope is null || string.Equals(Scope, departmentId, StringComparison.Ordinal);
}

/// <summary>Finds the operator making a request, or null when the request carries no valid operator credentials.</summary>
public interface IOperatorAuthenticator
{
    OperatorPrincipal? Authenticate(Microsoft.AspNetCore.Http.HttpRequest request);
}
