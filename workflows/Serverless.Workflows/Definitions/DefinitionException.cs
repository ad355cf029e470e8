namespace Serverless.Workflows.Definitions;

/// <summary>
/// One or more service definitions are invalid. Thrown at startup (so a bad file never serves traffic) and by a runtime
/// publish. The message lists every problem found, one a line, each naming the file and the field.
/// </summary>
public sealed class DefinitionException : Exception
{
    public DefinitionException(IReadOnlyList<DefinitionProblem> problems)
        : base(Describe(problems)) => Problems = problems;

    public DefinitionException()
        : this("Invalid service definition.")
    {
    }

    public DefinitionException(string message)
        : base(message) => Problems = [];

    public DefinitionException(string message, Exception innerException)
        : base(message, innerException) => Problems = [];

    public IReadOnlyList<DefinitionProblem> Problems { get; }

    private static string Describe(IReadOnlyList<DefinitionProblem> problems) =>
        problems.Count == 1
            ? problems[0].ToString()
            : $"{problems.Count} problems in service definitions:{Environment.NewLine}" +
              string.Join(Environment.NewLine, problems);
}
