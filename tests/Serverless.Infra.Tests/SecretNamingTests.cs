using System.Text.RegularExpressions;

namespace Serverless.Infra.Tests;

/// <summary>
/// Key Vault secret names (infra/README.md): settings are {Section}--{Property} (':' in a section is '--'); per-account platform API keys are
/// pay-api-key-{account} and notify-api-key-{account}, with the account names from the service definitions.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed partial class SecretNamingTests(CompiledInfra infra)
{
    [Fact]
    public void Every_account_in_the_definitions_gives_valid_key_vault_secret_names()
    {
        var names = CodeContract.Definitions(infra.RepositoryRoot)
            .SelectMany(d => new[] { d.PayAccount is null ? null : $"pay-api-key-{d.PayAccount}", d.NotifyAccount is null ? null : $"notify-api-key-{d.NotifyAccount}" })
            .OfType<string>();

        Assert.All(names, name => Assert.True(AccountSecretName().IsMatch(name),
            $"'{name}': account names must be lower-case letters, digits and hyphens so the secret name is valid and unambiguous"));
    }

    [Fact]
    public void Setting_secret_names_follow_section_double_hyphen_property()
    {
        Assert.All(CodeContract.Settings.Where(s => s.IsSecret), s => Assert.Matches(SettingSecretName(), s.SecretName));
    }

    [GeneratedRegex("^(pay|notify)-api-key-[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex AccountSecretName();

    /// <summary>{Section}--{Property}, a nested section's parts also joined by '--' (Platforms--Notify--CallbackBearerToken).</summary>
    [GeneratedRegex("^[A-Z][A-Za-z0-9]*(--[A-Z][A-Za-z0-9]*)+$")]
    private static partial Regex SettingSecretName();
}
