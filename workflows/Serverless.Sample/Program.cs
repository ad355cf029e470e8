using System.Globalization;
using Azure.Storage.Queues;
using Serverless.Sample;
using Serverless.SelfHost;
using Serverless.SelfHost.Endpoints;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Workflows.Definitions;

// Starts the self-host (on Azurite and the Cosmos emulator), then a citizen applies for a rod fishing licence and a
// sample Environment Agency system decides it from its queue.
const string service = "rod-fishing-licence";
var app = SelfHostApp.Build(args);
await app.StartAsync();
try
{
    using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:7071/") };
    http.DefaultRequestHeaders.Add(FrontendApiKeyFilter.Header, "local-sample-frontend-key");
    var queues = new QueueServiceClient("UseDevelopmentStorage=true", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
    var definition = app.Services.GetRequiredService<IDefinitionCatalog>().FindLatest(service)!;
    var journey = new SampleJourney(
        new SampleCitizen(http, "sample-citizen-" + Guid.NewGuid().ToString("N")[..8]),
        new SampleDepartment(queues, definition.Department.Id, definition.Department.Queue),
        Console.Out);

    using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
    var elapsed = await journey.RunAsync(service, ExampleApplications.For(service), timeout.Token);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Sample journey took {elapsed.TotalSeconds:0.00}s end to end."));
}
finally
{
    await app.StopAsync();
}
