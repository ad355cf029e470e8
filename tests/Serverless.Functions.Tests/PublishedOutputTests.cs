namespace Serverless.Functions.Tests;

/// <summary>The files the Functions host needs next to the worker, as `dotnet publish` leaves them.</summary>
[Collection(PublishedFunctionsCollection.Name)]
public sealed class PublishedOutputTests(PublishedFunctionsApp app, ITestOutputHelper output)
{
    [Theory]
    [InlineData("functions.metadata")]
    [InlineData("host.json")]
    [InlineData("worker.config.json")]
    [InlineData("extensions.json")]
    [InlineData("Serverless.Functions.dll")]
    public void Publish_writes_the_file_the_Functions_host_reads(string name) =>
        Assert.True(File.Exists(Path.Combine(app.Require(output), name)), $"{name} is missing from the published app");

    [Fact]
    public void Worker_config_starts_the_published_worker_assembly()
    {
        var description = app.ReadJson(output, "worker.config.json")["description"]!;

        Assert.Equal("dotnet-isolated", description["language"]!.GetValue<string>());
        var worker = description["defaultWorkerPath"]!.GetValue<string>();
        Assert.Equal("Serverless.Functions.dll", worker);
        Assert.True(File.Exists(Path.Combine(app.OutputDirectory, worker)));
    }

    [Fact]
    public void Extensions_json_loads_the_Durable_Task_and_Storage_Queues_extensions_the_triggers_need()
    {
        var names = app.ReadJson(output, "extensions.json")["extensions"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()).ToList();

        Assert.Contains("DurableTask", names);
        Assert.Contains("AzureStorageQueues", names);
    }

    [Fact]
    public void Published_host_json_is_the_repository_host_json()
    {
        var published = app.ReadJson(output, "host.json");
        var repository = JsonNode.Parse(File.ReadAllText(Path.Combine(app.RepositoryRoot, "host.json")));

        Assert.True(JsonNode.DeepEquals(repository, published), "the published host.json differs from the repository's host.json");
    }

    [Fact]
    public void Published_host_json_reads_queue_messages_as_plain_text_and_poisons_them_after_bounded_retries()
    {
        var queues = app.ReadJson(output, "host.json")["extensions"]?["queues"];

        Assert.NotNull(queues);
        Assert.Equal("none", queues["messageEncoding"]?.GetValue<string>());
        Assert.NotNull(queues["maxDequeueCount"]);
        Assert.InRange(queues["maxDequeueCount"]!.GetValue<int>(), 1, 100);
    }
}
