using Microsoft.AspNetCore.Http;
using Serverless.Workflows.Api;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Identity;

namespace Serverless.Workflows.Applications;

/// <summary>
/// <c>GET /api/v1/applications/{case_id}</c>: a citizen reads their own case. The case id is not a secret, so the read is
/// bound to the identity subject that submitted it; anyone else gets the same 404 as an unknown case.
/// </summary>
public sealed class GetCaseStatus(ICaseStore cases, CitizenAuthentication citizens)
{
    public async Task<IResult> HandleAsync(HttpRequest request, string caseId, CancellationToken cancellationToken)
    {
        var (record, problem) = await FindOwnCaseAsync(cases, citizens, request, caseId, cancellationToken).ConfigureAwait(false);
        return record is null ? problem! : Results.Json(CaseStatusView.From(record), ApiJson.Options);
    }

    /// <summary>The case, if the caller's identity token is valid and its subject submitted the case.</summary>
    internal static async Task<(CaseRecord? Record, IResult? Problem)> FindOwnCaseAsync(
        ICaseStore cases, CitizenAuthentication citizens, HttpRequest request, string caseId, CancellationToken cancellationToken)
    {
        if (await citizens.AuthenticateAsync(request, cancellationToken).ConfigureAwait(false) is not IdentityVerification.Verified citizen)
            return (null, Problems.Unauthorised("The identity token is missing, expired or not valid."));
        var record = CaseIds.IsWellFormed(caseId) ? await cases.FindAsync(caseId, cancellationToken).ConfigureAwait(false) : null;
        return record is not null && record.Identity.Subject == citizen.Subject
            ? (record, null)
            : (null, Problems.NotFound($"Application '{caseId}'"));
    }
}
