namespace Serverless.Workflows.Configuration;

/// <summary>
/// Marks an options class bound from one configuration section (<see cref="SettingsRegistration.AddSettings{T}"/>).
/// The infra contract test finds every such class in this assembly (the settings the Function App reads), so a setting
/// added here that Bicep does not set (or the reverse) fails the build. Each public settable property becomes the app
/// setting <c>{Section}__{Property}</c>, with each ':' of a nested section (<c>Platforms:Notify</c>) as '__'. The self-host's own settings class carries it too, outside the contract.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SettingsSectionAttribute(string section) : Attribute
{
    public string Section { get; } = section;
}
