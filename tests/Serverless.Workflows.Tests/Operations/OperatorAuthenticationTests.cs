using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Serverless.Workflows.Operations;

namespace Serverless.Workflows.Tests.Operations;

public sealed class OperatorAuthenticationTests
{
    private static readonly OperatorKeyAuthenticator Keys = new(new Dictionary<string, OperatorKey>
    {
        ["platform-1"] = new() { Key = "platform-key", Role = OperatorRoles.Platform },
        ["council-1"] = new() { Key = "council-key", Role = OperatorRoles.Department, DepartmentId = "local-council" },
        ["no-department"] = new() { Key = "orphan-key", Role = OperatorRoles.Department },
        ["bad-role"] = new() { Key = "admin-key", Role = "admin" },
        ["empty"] = new() { Key = "", Role = OperatorRoles.Platform },
    });

    [Fact]
    public void Platform_key_authenticates_an_operator_who_may_see_every_department()
    {
        var who = Keys.Authenticate(WithKey("platform-key"))!;
        Assert.Equal(("platform-1", OperatorRoles.Platform, (string?)null), (who.Name, who.Role, who.Scope));
        Assert.True(who.MaySee("local-council") && who.MaySee("dvla"));
    }

    [Fact]
    public void Department_key_is_scoped_to_its_own_department()
    {
        var who = Keys.Authenticate(WithKey("council-key"))!;
        Assert.Equal(("council-1", "local-council"), (who.Name, who.Scope));
        Assert.True(who.MaySee("local-council"));
        Assert.False(who.MaySee("dvla"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong-key")]
    [InlineData("platform-key ")]
    public void Missing_or_unknown_key_authenticates_nobody(string? key) => Assert.Null(Keys.Authenticate(WithKey(key)));

    [Theory]
    [InlineData("orphan-key")]
    [InlineData("admin-key")]
    public void Key_with_an_unknown_role_or_a_department_role_without_a_department_authenticates_nobody(string key) =>
        Assert.Null(Keys.Authenticate(WithKey(key)));

    [Fact]
    public void Client_principal_header_is_not_trusted_unless_platform_authentication_is_on()
    {
        var request = WithPrincipal(Principal("oid-1", OperatorRoles.Platform));
        Assert.Null(new ClientPrincipalAuthenticator(platformAuthenticationEnabled: false).Authenticate(request));
        Assert.Equal("oid-1", new ClientPrincipalAuthenticator(platformAuthenticationEnabled: true).Authenticate(request)!.Name);
    }

    [Fact]
    public void Client_principal_with_the_platform_role_sees_everything()
    {
        var who = ClientPrincipalAuthenticator.Parse(Principal("oid-1", "other.role", OperatorRoles.Platform))!;
        Assert.Equal((OperatorRoles.Platform, (string?)null), (who.Role, who.Scope));
    }

    [Fact]
    public void Client_principal_with_one_department_role_is_scoped_to_that_department()
    {
        var who = ClientPrincipalAuthenticator.Parse(Principal("oid-2", "ops.department.local-council"))!;
        Assert.Equal(("oid-2", OperatorRoles.Department, "local-council"), (who.Name, who.Role, who.Scope));
    }

    [Theory]
    [InlineData("oid-3", "ops.department.a", "ops.department.b")] // ambiguous
    [InlineData("oid-3", "ops.department")] // no department
    [InlineData("oid-3", "ops.department.")] // empty department
    [InlineData("oid-3", "citizen")]
    [InlineData(null, "ops.platform")] // no object id to record as the actor
    public void Client_principal_without_exactly_one_valid_operator_role_and_an_object_id_is_refused(string? oid, params string[] roles) =>
        Assert.Null(ClientPrincipalAuthenticator.Parse(Principal(oid, roles)));

    [Theory]
    [InlineData("not base64!")]
    [InlineData("bm90IGpzb24=")] // "not json"
    [InlineData("e30=")] // {}
    public void Malformed_client_principal_is_refused(string header) => Assert.Null(ClientPrincipalAuthenticator.Parse(header));

    private static HttpRequest WithKey(string? key)
    {
        var context = new DefaultHttpContext();
        if (key is not null)
            context.Request.Headers[OperatorKeyAuthenticator.Header] = key;
        return context.Request;
    }

    private static HttpRequest WithPrincipal(string header)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers[ClientPrincipalAuthenticator.Header] = header;
        return context.Request;
    }

    /// <summary>The header as App Service builds it: base64 of JSON with auth_typ, claims (typ/val), name_typ and role_typ.</summary>
    private static string Principal(string? objectId, params string[] roles)
    {
        var claims = roles.Select(r => new { typ = "roles", val = r }).ToList();
        if (objectId is not null)
            claims.Add(new { typ = "http://schemas.microsoft.com/identity/claims/objectidentifier", val = objectId });
        claims.Add(new { typ = "name", val = "A. Person" });
        var json = JsonSerializer.Serialize(new { auth_typ = "aad", claims, name_typ = "name", role_typ = "roles" });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }
}
