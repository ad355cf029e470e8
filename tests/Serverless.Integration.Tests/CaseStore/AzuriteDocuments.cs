using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Serverless.Workflows.Documents;

namespace Serverless.Integration.Tests.CaseStore;

/// <summary>A document store on Azurite in a container of its own, so retention sweeps in tests touch only their files.</summary>
internal static class AzuriteDocuments
{
    public static BlobServiceClient Service { get; } = new("UseDevelopmentStorage=true");

    public static DocumentOptions NewOptions() => new() { Container = "retention-test-" + Guid.NewGuid().ToString("N")[..12] };

    public static BlobDocumentStore Create(DocumentOptions options) => new(Service, Options.Create(options), TimeProvider.System);
}
