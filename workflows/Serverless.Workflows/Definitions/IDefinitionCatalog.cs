namespace Serverless.Workflows.Definitions;

/// <summary>Every published version of every service, loaded and validated at startup. Versions are never unloaded.</summary>
public interface IDefinitionCatalog
{
    /// <summary>The newest version of each service: what a new application is pinned to.</summary>
    IReadOnlyList<ServiceDefinition> Latest { get; }

    /// <summary>Every loaded version of every service.</summary>
    IReadOnlyList<ServiceDefinition> All { get; }

    ServiceDefinition? FindLatest(string serviceId);

    /// <summary>The exact pinned version. Throws if it is not loaded: an in-flight case must never fall back to another.</summary>
    ServiceDefinition Get(DefinitionKey key);

    /// <summary>Validates the application body against the version's JSON Schema.</summary>
    ApplicationValidation Validate(DefinitionKey key, System.Text.Json.JsonElement application);
}

public sealed record ApplicationValidation(IReadOnlyList<ValidationError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>One failed rule: where (a JSON Pointer into the body) and what.</summary>
public sealed record ValidationError(string Pointer, string Message);
