using System.Reflection;
using System.Text.RegularExpressions;
using Serverless.Workflows.Configuration;

namespace Serverless.Infra.Tests;

/// <summary>A setting the code reads: an options property bound from a [SettingsSection] class.</summary>
public sealed record CodeSetting(string Name, string Section, PropertyInfo Property)
{
    public bool IsSecret => Property.GetCustomAttribute<SecretAttribute>() is not null;

    /// <summary>A secret of the sandboxes only: a Key Vault reference in sandbox mode, empty in live mode.</summary>
    public bool IsSandboxOnly => Property.GetCustomAttribute<SecretAttribute>() is { SandboxOnly: true };

    /// <summary>
    /// Key Vault secret name for a [Secret] setting: {Section}--{Property}, each ':' of a nested section also '--'
    /// (Key Vault allows no underscores or colons).
    /// </summary>
    public string SecretName => $"{Section.Replace(":", "--", StringComparison.Ordinal)}--{Property.Name}";
}

/// <summary>One service definition file: its department queue and platform accounts.</summary>
public sealed record DefinitionFile(string Path, string Queue, string? PayAccount, string? NotifyAccount);

/// <summary>What the code reads, collected from the code itself (reflection) and from the service definitions.</summary>
public static partial class CodeContract
{
    /// <summary>
    /// Every {Section}__{Property} the code binds: each public settable property of each [SettingsSection] class, a
    /// nested section's ':' written '__' (SettingsRegistration.SettingName).
    /// </summary>
    public static IReadOnlyList<CodeSetting> Settings { get; } =
    [
        .. typeof(SettingsSectionAttribute).Assembly.GetTypes()
            .Select(type => (type, section: type.GetCustomAttribute<SettingsSectionAttribute>()?.Section))
            .Where(t => t.section is not null)
            .SelectMany(t => t.type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod is { IsPublic: true })
                .Select(p => new CodeSetting(SettingsRegistration.SettingName(t.section!, p.Name), t.section!, p)))
            .OrderBy(s => s.Name, StringComparer.Ordinal),
    ];

    /// <summary>Connection prefixes (ConnectionNames.All): each is read as {Name}__* (identity-based) in Azure.</summary>
    public static IReadOnlyList<string> Connections => ConnectionNames.All;

    /// <summary>Every service definition file: Definitions/services/{id}/v{N}.json.</summary>
    public static IReadOnlyList<DefinitionFile> Definitions(string repositoryRoot)
    {
        var services = Path.Combine(repositoryRoot, "workflows", "Serverless.Workflows", "Definitions", "services");
        if (!Directory.Exists(services))
            return [];
        return
        [
            .. Directory.EnumerateFiles(services, "*.json", SearchOption.AllDirectories)
                .Where(file => DefinitionFileName().IsMatch(Path.GetFileName(file)))
                .Order(StringComparer.Ordinal)
                .Select(file =>
                {
                    var json = JsonNode.Parse(File.ReadAllText(file))
                        ?? throw new InvalidOperationException($"{file} is empty");
                    var queue = json["department"]?["queue"]?.GetValue<string>()
                        ?? throw new InvalidOperationException($"{file} has no department.queue");
                    return new DefinitionFile(file, queue, json["accounts"]?["pay"]?.GetValue<string>(),
                        json["accounts"]?["notify"]?.GetValue<string>());
                }),
        ];
    }

    /// <summary>Every per-account platform setting the definitions need (PlatformAccountSettings), with its Key Vault secret.</summary>
    public static IReadOnlyList<AccountSetting> AccountSettings(string repositoryRoot)
    {
        var definitions = Definitions(repositoryRoot);
        return [.. PlatformAccountSettings.For(definitions.Select(d => d.PayAccount).OfType<string>(), definitions.Select(d => d.NotifyAccount).OfType<string>())];
    }

    /// <summary>The department queues in infra/app/department-queues.json, which main.bicep loads.</summary>
    public static IReadOnlyList<string> DepartmentQueuesFile(string repositoryRoot) =>
        JsonSerializer.Deserialize<List<string>>(
            File.ReadAllText(Path.Combine(repositoryRoot, "infra", "app", "department-queues.json")))!;

    [GeneratedRegex(@"^v\d+\.json$")]
    private static partial Regex DefinitionFileName();
}
