namespace Serverless.Workflows.Identity;

/// <summary>The identity sandbox's published keys, relative to <c>/api</c>: public, as One Login's did.json is.</summary>
public static class IdentityRoutes
{
    public const string SandboxKeys = "sandbox/identity/.well-known/jwks.json";
}
