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
}

public sealed record StoredDocument(string Name, string ContentType, long SizeBytes, IReadOnlyDictionary<string, string> Metadata);

public sealed record ReadLink(Uri Url, DateTimeOffset ExpiresAt);
