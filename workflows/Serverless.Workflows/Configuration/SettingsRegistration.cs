using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Serverless.Workflows.Configuration;

/// <summary>
/// Binds options classes from the section their <see cref="SettingsSectionAttribute"/> names, so a section name is
/// written once: where the infra contract test reads it, and where the hosts bind it.
/// </summary>
public static class SettingsRegistration
{
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, IConfiguration configuration)
        where T : class =>
        services.AddOptions<T>().Bind(configuration.GetSection(SectionOf<T>()));

    /// <summary>The configuration section of <typeparamref name="T"/>, from its [SettingsSection].</summary>
    public static string SectionOf<T>() =>
        typeof(T).GetCustomAttribute<SettingsSectionAttribute>()?.Section
        ?? throw new InvalidOperationException($"{typeof(T).Name} has no [SettingsSection]: say which configuration section it binds.");

    /// <summary>
    /// The app setting name of a property in a section: <c>{Section}__{Property}</c>, each ':' of a nested section
    /// written '__' as environment variables and App Service settings spell it (<c>Platforms__Notify__BaseUrl</c>).
    /// </summary>
    public static string SettingName(string section, string property) =>
        $"{section.Replace(":", "__", StringComparison.Ordinal)}__{property}";
}
