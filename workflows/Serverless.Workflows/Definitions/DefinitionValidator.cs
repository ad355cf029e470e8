namespace Serverless.Workflows.Definitions;

/// <summary>
/// Checks definition files without loading them into a catalog: the loader's full rules, plus every shape error of a
/// file the serializer could not read (it stops at the first). For tools and CI; startup uses the loader directly.
/// </summary>
public static class DefinitionValidator
{
    public static IReadOnlyList<DefinitionProblem> Check(IReadOnlyList<DefinitionSource> sources)
    {
        var problems = new List<DefinitionProblem>();
        try
        {
            DefinitionLoader.Load(sources);
        }
        catch (DefinitionException ex)
        {
            problems.AddRange(ex.Problems);
        }

        foreach (var source in sources.Where(s => !DefinitionLoader.CanRead(s)))
        {
            var reported = problems.Where(p => p.Source == source.Name).Select(p => p.Field).ToHashSet();
            problems.AddRange(DefinitionShape.Check(source).Where(p => !reported.Contains(p.Field)));
        }

        return problems;
    }
}
