using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Serverless.Workflows.Operations;

/// <summary>
/// Operators signed in with Entra ID through App Service authentication, which validates the token and passes the
/// principal on in <c>X-MS-CLIENT-PRINCIPAL</c> (base64 JSON). Only the platform can be trusted to set that header, and
/// only when its authentication is on: <paramref name="platformAuthenticationEnabled"/> comes from App Service's own
/// <c>WEBSITE_AUTH_ENABLED</c>. The self-host never uses this.
/// Roles: <c>ops.platform</c>, or <c>ops.department.{department_id}</c>; the actor on the timeline is the principal's
/// object id.
/// </summary>
public sealed class ClientPrincipalAuthenticator(bool platformAuthenticationEnabled) : IOperatorAuthenticator
{
    public const string Header = "X-MS-CLIENT-PRINCIPAL";
    private const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    public OperatorPrincipal? Authenticate(HttpRequest request) =>
        platformAuthenticationEnabled ? Parse(request.Headers[Header].ToString()) : null;

    public static OperatorPrincipal? Parse(string header)
    {
        if (header.Length == 0)
            return null;
        ClientPrincipal? principal;
        try
        {
            principal = JsonSerializer.Deserialize<ClientPrincipal>(Convert.FromBase64String(header));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
        if (principal?.Claims is not { } claims)
            return null;
        var roleType = principal.RoleType ?? "roles";
        var roles = claims.Where(c => c.Type == roleType || c.Type == "roles").Select(c => c.Value).ToList();
        // The object id, never the display name: the actor lands in the journey's history, which holds no personal data.
        var name = claims.FirstOrDefault(c => c.Type is "oid" or ObjectIdClaim)?.Value;
        if (string.IsNullOrEmpty(name))
            return null;
        if (roles.Contains(OperatorRoles.Platform))
            return OperatorPrincipal.Create(name, OperatorRoles.Platform, null);
        // Exactly one department: a principal with several department roles is ambiguous, so it gets none.
        var departments = roles.Where(r => r.StartsWith(OperatorRoles.DepartmentPrefix, StringComparison.Ordinal)).ToList();
        return departments.Count == 1
            ? OperatorPrincipal.Create(name, OperatorRoles.Department, departments[0][OperatorRoles.DepartmentPrefix.Length..])
            : null;
    }

    private sealed record ClientPrincipal(
        [property: JsonPropertyName("claims")] List<Claim>? Claims,
        [property: JsonPropertyName("role_typ")] string? RoleType);

    private sealed record Claim([property: JsonPropertyName("typ")] string Type, [property: JsonPropertyName("val")] string Value);
}
