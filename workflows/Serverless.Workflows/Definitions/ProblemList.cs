namespace Serverless.Workflows.Definitions;

/// <summary>Collects the problems of one definition file, so startup reports all of them at once rather than the first.</summary>
internal sealed class ProblemList(string source)
{
    private readonly List<DefinitionProblem> problems = [];

    public string Source { get; } = source;

    public IReadOnlyList<DefinitionProblem> Items => problems;

    public bool Any => problems.Count > 0;

    public void Add(string? field, string message) => problems.Add(new DefinitionProblem(Source, field, message));
}
