using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Serverless.Workflows.Configuration;

namespace Serverless.Workflows.Documents;

/// <summary>
/// Documents in Blob Storage. Read links are SAS URLs for one blob, read only. Which kind follows from the connection:
/// a connection string carries the account key (the emulator: Azurite has no user delegation), so links are signed with
/// it; a managed identity connection has no key (Azure, where shared keys are off), so links are user delegation SAS
/// signed with a key the identity asks Entra-backed storage for.
/// </summary>
public sealed class BlobDocumentStore(BlobServiceClient service, IOptions<DocumentOptions> options, TimeProvider clock) : IDocumentStore
{
    /// <summary>Links start a little in the past, so a department whose clock runs behind can use them at once.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan LongestDelegation = TimeSpan.FromDays(7);
    private volatile UserDelegationKey? _delegationKey;
    private volatile bool _containerReady;

    public static BlobServiceClient CreateServiceClient(IConfiguration configuration)
    {
        var connection = AzureConnection.Resolve(configuration, ConnectionNames.DepartmentQueues, ConnectionKeys.BlobServiceUri);
        return connection.ConnectionString is { } cs
            ? new BlobServiceClient(cs)
            : new BlobServiceClient(connection.ServiceUri, connection.Credential);
    }

    private BlobContainerClient Container => service.GetBlobContainerClient(options.Value.Container);

    public async Task PutAsync(string name, BinaryData content, string contentType, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        await Container.GetBlobClient(name).UploadAsync(content, new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            Metadata = metadata.ToDictionary(),
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredDocument?> FindAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var properties = (await Container.GetBlobClient(name).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            return new StoredDocument(name, properties.ContentType, properties.ContentLength, properties.Metadata.AsReadOnly())
            {
                Version = properties.ETag.ToString(),
            };
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task<ReadLink> ReadLinkAsync(string name, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var lifetime = options.Value.ReadLinkLifetime;
        var expiresAt = now + (lifetime > LongestDelegation - ClockSkew ? LongestDelegation - ClockSkew : lifetime);
        var blob = Container.GetBlobClient(name);
        var sas = new BlobSasBuilder(BlobSasPermissions.Read, expiresAt)
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            Resource = "b",
            StartsOn = now - ClockSkew,
        };
        if (blob.CanGenerateSasUri)
            return new ReadLink(blob.GenerateSasUri(sas), expiresAt);

        var key = await DelegationKeyAsync(now, expiresAt, cancellationToken).ConfigureAwait(false);
        var url = new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key, service.AccountName) }.ToUri();
        return new ReadLink(url, expiresAt);
    }

    public async Task<bool> DeleteAsync(string name, string? ifVersion, CancellationToken cancellationToken)
    {
        var conditions = ifVersion is null ? null : new BlobRequestConditions { IfMatch = new ETag(ifVersion) };
        try
        {
            return (await Container.GetBlobClient(name).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, conditions, cancellationToken)
                .ConfigureAwait(false)).Value || ifVersion is null;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // 404: the container is not there yet, so neither is the blob. 412: changed since it was listed.
            return ex.Status == 404 && ifVersion is null;
        }
    }

    public async Task<bool> SetMetadataAsync(string name, IReadOnlyDictionary<string, string> metadata, string ifVersion, CancellationToken cancellationToken)
    {
        try
        {
            await Container.GetBlobClient(name).SetMetadataAsync(metadata.ToDictionary(), new BlobRequestConditions { IfMatch = new ETag(ifVersion) }, cancellationToken)
                .ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    public async IAsyncEnumerable<ListedDocument> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var blobs = Container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata, Prefix = prefix }, cancellationToken);
        await using var pages = blobs.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await pages.MoveNextAsync().ConfigureAwait(false))
                    yield break;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                yield break; // No container yet: nothing was ever stored.
            }
            var blob = pages.Current;
            yield return new ListedDocument(blob.Name, blob.Properties.CreatedOn ?? blob.Properties.LastModified ?? DateTimeOffset.MinValue,
                blob.Properties.LastModified ?? DateTimeOffset.MinValue, blob.Properties.ETag?.ToString() ?? "", blob.Metadata.AsReadOnly());
        }
    }

    /// <summary>
    /// One key serves many links: a new one is asked for only when the cached one would expire before the link. Two
    /// callers racing may both ask; either key is valid.
    /// </summary>
    private async Task<UserDelegationKey> DelegationKeyAsync(DateTimeOffset now, DateTimeOffset linkExpiresAt, CancellationToken cancellationToken)
    {
        if (_delegationKey is { } cached && cached.SignedExpiresOn >= linkExpiresAt)
            return cached;
        var request = new BlobGetUserDelegationKeyOptions(now + LongestDelegation - ClockSkew) { StartsOn = now - ClockSkew };
        var key = (await service.GetUserDelegationKeyAsync(request, cancellationToken).ConfigureAwait(false)).Value;
        _delegationKey = key;
        return key;
    }

    /// <summary>Bicep creates the container in Azure; locally the first write does. A failed attempt is tried again next time.</summary>
    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (_containerReady)
            return;
        await Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        _containerReady = true;
    }
}
