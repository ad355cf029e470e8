using System.Collections.Concurrent;
using Serverless.Workflows.Documents;

namespace Serverless.Workflows.Tests.Fakes;

/// <summary>Documents in a dictionary, with links of the shape a SAS URL has, for unit tests of the hand-off.</summary>
public sealed class InMemoryDocumentStore : IDocumentStore
{
    public ConcurrentDictionary<string, (BinaryData Content, string ContentType, IReadOnlyDictionary<string, string> Metadata)> Stored { get; } = new();

    public Task PutAsync(string name, BinaryData content, string contentType, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        Stored[name] = (content, contentType, metadata);
        return Task.CompletedTask;
    }

    public Task<StoredDocument?> FindAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(Stored.TryGetValue(name, out var d) ? new StoredDocument(name, d.ContentType, d.Content.ToMemory().Length, d.Metadata) : null);

    public Task<ReadLink> ReadLinkAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(new ReadLink(
            new Uri($"https://account.blob.core.windows.net/case-documents/{name}?sv=2025-01-05&st=x&se=y&sr=b&sp=r&skoid=x&sktid=x&sig={new string('s', 44)}"),
            DateTimeOffset.UnixEpoch.AddDays(7)));
}
