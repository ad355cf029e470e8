using static Serverless.Workflows.Tests.Definitions.DefinitionFiles;

namespace Serverless.Workflows.Tests.Definitions;

/// <summary>The validate command (npm run validate), run in-process over files on disk.</summary>
public sealed class DefinitionFilesCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("validate-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Shipped_definitions_in_the_repository_are_valid()
    {
        var (exit, output, error) = Run(RepositoryPath("workflows", "Serverless.Workflows", "Definitions", "services"));

        Assert.Equal((DefinitionFilesCommand.Valid, ""), (exit, error));
        Assert.Contains("4 service definition(s) valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_file_is_named_with_each_broken_field_and_fails()
    {
        var definition = Edit(FishingV1);
        definition["identity_level"] = "P9";
        definition["decision_sla"]!["clock"] = "sundial";
        var file = Write("rod-fishing-licence", "v1.json", definition.ToJsonString());

        var (exit, _, error) = Run(file);

        Assert.Equal(DefinitionFilesCommand.Invalid, exit);
        Assert.Contains($"{file}: field 'identity_level': 'P9' is not one of P0, P1, P2", error, StringComparison.Ordinal);
        Assert.Contains($"{file}: field 'decision_sla.clock': ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void File_the_serializer_cannot_read_still_has_every_shape_problem_reported()
    {
        var definition = Edit(FishingV1);
        definition["fee_pence"] = "3000";
        definition["identity_level"] = "P9";
        definition["department"]!["queue"] = "Not A Queue";
        var file = Write("rod-fishing-licence", "v1.json", definition.ToJsonString());

        var (exit, _, error) = Run(file);

        Assert.Equal(DefinitionFilesCommand.Invalid, exit);
        Assert.Contains($"{file}: field 'fee_pence': ", error, StringComparison.Ordinal);
        Assert.Contains($"{file}: field 'identity_level': ", error, StringComparison.Ordinal);
        Assert.Contains($"{file}: field 'department.queue': ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void File_in_a_folder_other_than_its_service_id_is_refused()
    {
        var file = Write("fishing", "v1.json", Shipped(FishingV1).Json);

        var (exit, _, error) = Run(file);

        Assert.Equal(DefinitionFilesCommand.Invalid, exit);
        Assert.Contains($"{file}: field 'service_id': 'rod-fishing-licence' does not match its folder 'fishing'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Folder_is_searched_for_every_definition_in_it()
    {
        Write("rod-fishing-licence", "v1.json", Shipped(FishingV1).Json);
        var broken = Edit(BlueBadgeV1);
        broken["version"] = 3;
        var badge = Write("blue-badge", "v1.json", broken.ToJsonString());

        var (exit, output, error) = Run(folder);

        Assert.Equal(DefinitionFilesCommand.Invalid, exit);
        Assert.Contains($"{badge}: field 'version': 3 does not match the file name v1.json", error, StringComparison.Ordinal);
        Assert.Contains("1 problem(s) in 1 of 2 service definition(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_path_or_none_at_all_is_a_usage_error()
    {
        Assert.Equal(DefinitionFilesCommand.Usage, Run(Path.Combine(folder, "nothing.json")).Exit);
        Assert.Equal(DefinitionFilesCommand.Usage, Run().Exit);
    }

    private string Write(string serviceFolder, string fileName, string json)
    {
        var path = Path.Combine(folder, serviceFolder, fileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json);
        return path;
    }

    private static (int Exit, string Output, string Error) Run(params string[] paths)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = DefinitionFilesCommand.Validate(paths, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
