namespace Serverless.Workflows.Configuration;

/// <summary>
/// Marks an options class bound from one configuration section. The infra contract test finds every class with this
/// attribute, so a setting added here that Bicep does not set (or the reverse) fails the build.
/// Each public settable property becomes the app setting <c>{Section}__{Property}</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SettingsSectionAttribute(string section) : Attribute
{
    public string Section { get; } = section;
}
