using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Serverless.Workflows.Documents;

namespace Serverless.Workflows.Tests.Fakes;

/// <summary>
/// Documents in a dictionary, with links of the shape a SAS URL has, for unit tests of the hand-off and retention. Each
/// write gets a new version, as an ETag does; dates come from <see cref="Clock"/>.
/// </summary>
public sealed class InMemoryDocumentStore : IDocumentStore
{
    private long _versions;

    public ConcurrentDictionary<string, (BinaryData Content, string ContentType, IReadOnlyDictionary<string, string> Metadata)> Stored { get; } = new();

    private readonly ConcurrentDictionary<string, (DateTimeOffset CreatedAt, DateTimeOffset ModifiedAt, string Version)> _properties = new();

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public Task PutAsync(string name, BinaryData content, string contentType, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        Stored[name] = (content, contentType, metadata);
        var now = Clock.GetUtcNow();
        _properties[name] = (now, now, NextVersion());
        return Task.CompletedTask;
    }

    public Task<StoredDocument?> FindAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(Stored.TryGetValue(name, out var d)
            ? new StoredDocument(name, d.ContentType, d.Content.ToMemory().Length, d.Metadata) { Version = _properties[name].Version }
            : null);

    public Task<ReadLink> ReadLinkAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(new ReadLink(
            new Uri($"https://account.blob.core.windows.net/case-documents/{name}?sv=2025-01-05&st=x&se=y&sr=b&sp=r&skoid=x&sktid=x&sig={new string('s', 44)}"),
            DateTimeOffset.UnixEpoch.AddDays(7)));

    public Task<bool> DeleteAsync(string name, string? ifVersion, CancellationToken cancellationToken)
    {
        lock (Stored)
        {
            if (ifVersion is not null && (!_properties.TryGetValue(name, out var p) || p.Version != ifVersion))
                return Task.FromResult(false);
            Stored.TryRemove(name, out _);
            _properties.TryRemove(name, out _);
            return Task.FromResult(true);
        }
    }

    public Task<bool> SetMetadataAsync(string name, IReadOnlyDictionary<string, string> metadata, string ifVersion, CancellationToken cancellationToken)
    {
        lock (Stored)
        {
            if (!Stored.TryGetValue(name, out var d) || _properties[name].Version != ifVersion)
                return Task.FromResult(false);
            Stored[name] = d with { Metadata = metadata };
            _properties[name] = (_properties[name].CreatedAt, Clock.GetUtcNow(), NextVersion());
            return Task.FromResult(true);
        }
    }

    public async IAsyncEnumerable<ListedDocument> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var (name, d) in Stored.Where(s => s.Key.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(s => s.Key, StringComparer.Ordinal).ToList())
        {
            if (_properties.TryGetValue(name, out var p))
                yield return new ListedDocument(name, p.CreatedAt, p.ModifiedAt, p.Version, d.Metadata);
        }
    }

    private string NextVersion() => "\"v" + Interlocked.Increment(ref _versions).ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"";
}
