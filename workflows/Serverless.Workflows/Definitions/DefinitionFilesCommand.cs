namespace Serverless.Workflows.Definitions;

/// <summary>
/// <c>validate &lt;file or folder&gt;...</c>: checks definition files on disk with the loader's full rules and prints
/// every problem as <c>path: field 'x': reason</c>. Exit 0 when all are valid, 1 on any problem, 2 on bad usage.
/// Needs no emulator: nothing is started and nothing is connected to.
/// </summary>
public static class DefinitionFilesCommand
{
    public const int Valid = 0;
    public const int Invalid = 1;
    public const int Usage = 2;

    public static int Validate(IReadOnlyList<string> paths, TextWriter output, TextWriter error)
    {
        if (paths.Count == 0)
        {
            error.WriteLine("usage: validate <definition file or folder>... (a folder is searched for *.json)");
            return Usage;
        }

        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
                files.AddRange(Directory.EnumerateFiles(path, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
            else if (File.Exists(path))
                files.Add(path);
            else
            {
                error.WriteLine($"{path}: no such file or folder");
                return Usage;
            }
        }

        // The loader knows a file by services/<folder>/<file name>: that is what it checks service_id and version against.
        var pathOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var sources = new List<DefinitionSource>();
        foreach (var file in files)
        {
            var name = $"services/{Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(file)))}/{Path.GetFileName(file)}";
            pathOf.TryAdd(name, file);
            sources.Add(new DefinitionSource(name, File.ReadAllText(file)));
        }

        var problems = DefinitionValidator.Check(sources);
        foreach (var problem in problems)
            error.WriteLine((problem with { Source = pathOf.GetValueOrDefault(problem.Source, problem.Source) }).ToString());

        output.WriteLine(problems.Count == 0
            ? $"{files.Count} service definition(s) valid"
            : $"{problems.Count} problem(s) in {problems.Select(p => p.Source).Distinct().Count()} of {files.Count} service definition(s)");
        return problems.Count == 0 ? Valid : Invalid;
    }
}
