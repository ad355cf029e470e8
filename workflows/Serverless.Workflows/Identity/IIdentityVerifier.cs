namespace Serverless.Workflows.Identity;

/// <summary>
/// Verifies a citizen's identity token (signature, issuer, expiry) and reads its subject and level of confidence.
/// Tokens are short-lived, so this runs when the application is submitted; the case keeps only the result.
/// </summary>
public interface IIdentityVerifier
{
    Task<IdentityVerification> VerifyAsync(string token, CancellationToken cancellationToken);
}

public abstract record IdentityVerification
{
    public sealed record Verified(string Subject, string Level) : IdentityVerification;

    /// <summary>Why the token was refused, safe to show the caller (never echoes the token).</summary>
    public sealed record Refused(string Reason) : IdentityVerification;
}
