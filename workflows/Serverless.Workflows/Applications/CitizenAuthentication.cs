using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Serverless.Workflows.Identity;

namespace Serverless.Workflows.Applications;

/// <summary>
/// Reads the citizen's identity token from <c>Authorization: Bearer</c> and verifies it. The token is GOV.UK One Login's
/// core identity JWT (the <c>https://vocab.account.gov.uk/v1/coreIdentityJWT</c> claim of the frontend's userinfo); a
/// submission also names the subject of the frontend's own OIDC session, which the token's <c>sub</c> must match.
/// </summary>
public sealed class CitizenAuthentication(IIdentityVerifier verifier)
{
    public const string SessionSubjectHeader = "Citizen-Subject";

    public async Task<IdentityVerification> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || header.Length == scheme.Length)
            return new IdentityVerification.Refused("An identity token is required: send it as 'Authorization: Bearer <token>'.");
        return await verifier.VerifyAsync(header[scheme.Length..].Trim(), cancellationToken).ConfigureAwait(false);
    }
}
