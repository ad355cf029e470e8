namespace Serverless.Workflows.Configuration;

/// <summary>
/// Marks a settings property whose value is a secret. In Azure its app setting must be a Key Vault reference to the
/// secret <c>{Section}--{Property}</c> (':' in a nested section is '--' too; infra/README.md), never a plain value; the
/// infra contract test enforces it.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class SecretAttribute : Attribute
{
    /// <summary>
    /// A secret of this host's own sandboxes: required in sandbox mode, ignored in live mode (the sandboxes are off),
    /// where Bicep leaves it empty so production needs no such secret in its vault.
    /// </summary>
    public bool SandboxOnly { get; set; }
}
