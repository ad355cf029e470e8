namespace Serverless.Workflows.Documents;

/// <summary>Stored documents (large applications, evidence files) and short-lived read links to them for departments.</summary>
public interface IDocumentStore
{
    /// <summary>Stores (or replaces) a document. Metadata must hold no personal data: it shows in storage listings.</summary>
    Task PutAsync(string name, BinaryData content, string contentType, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken);

    /// <summary>The document's properties, or null if there is none by that name.</summary>
    Task<StoredDocument?> FindAsync(string name, CancellationToken cancellationToken);

    /// <summary>A URL that reads the document without other credentials, until <see cref="ReadLink.ExpiresAt"/>.</summary>
    Task<ReadLink> ReadLinkAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the document; a missing one is fine. With <paramref name="ifVersion"/> (a <see cref="ListedDocument.Version"/>),
    /// only if the document is unchanged since: false when it changed (or is gone), so a sweep never deletes what a
    /// request has just claimed.
    /// </summary>
    Task<bool> DeleteAsync(string name, string? ifVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the document's metadata, only if it is unchanged since <paramref name="ifVersion"/>; false when it changed
    /// or is gone. Metadata must hold no personal data.
    /// </summary>
    Task<bool> SetMetadataAsync(string name, IReadOnlyDictionary<string, string> metadata, string ifVersion, CancellationToken cancellationToken);

    /// <summary>Every document whose name starts with <paramref name="prefix"/>, with its dates and metadata.</summary>
    IAsyncEnumerable<ListedDocument> ListAsync(string prefix, CancellationToken cancellationToken);
}

/// <summary>A document's properties; <see cref="Version"/> (the ETag) makes a later change conditional on it.</summary>
public sealed record StoredDocument(string Name, string ContentType, long SizeBytes, IReadOnlyDictionary<string, string> Metadata)
{
    public string? Version { get; init; }
}

/// <summary>A document as a listing shows it: <see cref="ModifiedAt"/> moves when its metadata is set, its version too.</summary>
public sealed record ListedDocument(string Name, DateTimeOffset CreatedAt, DateTimeOffset ModifiedAt, string Version, IReadOnlyDictionary<string, string> Metadata);

public sealed record ReadLink(Uri Url, DateTimeOffset ExpiresAt);
