namespace Serverless.Workflows.Configuration;

/// <summary>
/// Marks a settings property whose value is a secret. In Azure its app setting must be a Key Vault reference to the
/// secret <c>{Section}--{Property}</c> (infra/README.md), never a plain value; the infra contract test enforces it.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class SecretAttribute : Attribute;
