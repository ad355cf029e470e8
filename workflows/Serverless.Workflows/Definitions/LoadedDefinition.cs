namespace Serverless.Workflows.Definitions;

/// <summary>A validated definition with its compiled schema, and the file it came from (for messages).</summary>
internal sealed record LoadedDefinition(ServiceDefinition Definition, ApplicationSchema Schema, string Source);
