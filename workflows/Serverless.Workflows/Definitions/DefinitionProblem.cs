namespace Serverless.Workflows.Definitions;

/// <summary>One broken rule in one definition file. <see cref="Field"/> is a dotted path (<c>decision_sla.clock</c>), or null for the file as a whole.</summary>
public sealed record DefinitionProblem(string Source, string? Field, string Message)
{
    public override string ToString() =>
        Field is null ? $"{Source}: {Message}" : $"{Source}: field '{Field}': {Message}";
}
