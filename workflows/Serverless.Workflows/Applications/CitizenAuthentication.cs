using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Serverless.Workflows.Identity;

namespace Serverless.Workflows.Applications;

/// <summary>Reads the citizen's identity token from <c>Authorization: Bearer</c> and verifies it.</summary>
public sealed class CitizenAuthentication(IIdentityVerifier verifier)
{
    public async Task<IdentityVerification> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || header.Length == scheme.Length)
            return new IdentityVerification.Refused("An identity token is required: send it as 'Authorization: Bearer <token>'.");
        return await verifier.VerifyAsync(header[scheme.Length..].Trim(), cancellationToken).ConfigureAwait(false);
    }
}
