using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace Serverless.Workflows.Configuration;

/// <summary>
/// Resolves a connection the way the Functions runtime does: a plain value is a connection string (emulators locally);
/// otherwise the section holds a service URI and the managed identity to use (<c>credential</c>, <c>clientId</c>).
/// </summary>
public sealed record AzureConnection(string? ConnectionString, Uri? ServiceUri, TokenCredential? Credential)
{
    public static AzureConnection Resolve(IConfiguration configuration, string name, string serviceUriKey)
    {
        var plain = configuration[name];
        if (!string.IsNullOrWhiteSpace(plain))
            return new AzureConnection(plain, null, null);

        var section = configuration.GetSection(name);
        var uri = section[serviceUriKey];
        if (string.IsNullOrWhiteSpace(uri))
            throw new InvalidOperationException(
                $"Connection '{name}' is not configured: set '{name}' to a connection string, or '{name}__{serviceUriKey}' with a managed identity.");

        return new AzureConnection(null, new Uri(uri), CreateCredential(section[ConnectionKeys.ClientId]));
    }

    private static DefaultAzureCredential CreateCredential(string? clientId) =>
        new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
}
