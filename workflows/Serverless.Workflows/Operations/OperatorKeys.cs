using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Serverless.Workflows.Operations;

/// <summary>A configured operator key (self-host only): the key, sent as <c>X-Api-Key</c>, its role and optional department.</summary>
public sealed class OperatorKey
{
    public string Key { get; set; } = "";
    public string Role { get; set; } = "";
    public string? DepartmentId { get; set; }
}

/// <summary>
/// Operators by configured key, compared in constant time. Used on the self-host, where no platform authenticates callers;
/// an entry with an empty key, an unknown role, or a department role without a department authenticates nobody.
/// </summary>
public sealed class OperatorKeyAuthenticator(IReadOnlyDictionary<string, OperatorKey> keys) : IOperatorAuthenticator
{
    public const string Header = "X-Api-Key";

    public OperatorPrincipal? Authenticate(HttpRequest request)
    {
        var presented = Encoding.UTF8.GetBytes(request.Headers[Header].ToString());
        if (presented.Length == 0)
            return null;
        OperatorPrincipal? found = null;
        // Every entry is compared, so the time taken does not say which entry matched.
        foreach (var (name, entry) in keys)
        {
            if (entry.Key.Length > 0 && CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(entry.Key)))
                found ??= OperatorPrincipal.Create(name, entry.Role, entry.DepartmentId);
        }
        return found;
    }
}
