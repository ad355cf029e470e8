using System.Text.RegularExpressions;
using Serverless.Workflows.Configuration;

namespace Serverless.Infra.Tests;

/// <summary>Every queue the code uses exists, and the department queue list follows the service definitions.</summary>
[Collection(InfraCollection.Name)]
public sealed partial class QueueTests(CompiledInfra infra)
{
    /// <summary>
    /// infra/app/department-queues.json (loaded by main.bicep) is the sorted, distinct union of department.queue over
    /// every Definitions/services/{id}/v{N}.json. Before any definition file exists on a branch, there is nothing to
    /// compare with, so the list only has to be well formed; after the merge the comparison is exact.
    /// </summary>
    [Fact]
    public void Department_queue_list_is_the_union_of_the_definitions_department_queues()
    {
        var listed = CodeContract.DepartmentQueuesFile(infra.RepositoryRoot);
        var fromDefinitions = CodeContract.Definitions(infra.RepositoryRoot).Select(d => d.Queue)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(listed.Order(StringComparer.Ordinal).Distinct(StringComparer.Ordinal), listed);
        if (fromDefinitions.Count > 0)
            Assert.Equal(fromDefinitions, listed);
        else
            Assert.NotEmpty(listed);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Every_queue_the_code_uses_exists_with_its_poison_twin(string environment)
    {
        var queues = InfraQueries.Queues(infra.Deployment(environment)).ToHashSet(StringComparer.Ordinal);
        var used = new[] { QueueNames.Decisions }
            .Concat(CodeContract.Definitions(infra.RepositoryRoot).Select(d => d.Queue))
            .Concat(CodeContract.DepartmentQueuesFile(infra.RepositoryRoot))
            .Distinct(StringComparer.Ordinal)
            .SelectMany(q => new[] { q, QueueNames.PoisonOf(q) })
            .ToList();

        var missing = used.Where(q => !queues.Contains(q)).ToList();
        Assert.True(missing.Count == 0, $"Queues the code uses but the template does not create: {string.Join(", ", missing)}");
        Assert.Equal(used.Count, queues.Count);
    }

    [Fact]
    public void Every_queue_name_is_a_valid_storage_queue_name()
    {
        Assert.All(InfraQueries.Queues(infra.Deployment("dev")), queue =>
            Assert.True(StorageQueueName().IsMatch(queue) && !queue.Contains("--", StringComparison.Ordinal),
                $"'{queue}' is not a storage queue name (3-63 lower-case letters, digits and single hyphens)"));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex StorageQueueName();
}
