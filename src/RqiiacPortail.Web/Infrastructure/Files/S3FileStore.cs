using System.Net;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace RqiiacPortail.Web.Infrastructure.Files;

/// <summary>
/// Files in an S3-compatible object store (AWSSDK.S3, path-style addressing): what several machines share without
/// a shared disk. An object appears whole or not at all, so nothing is ever half-written under a key. Uploads and
/// reads pass through a temporary file of this machine: an upload is measured and hashed before it is sent (the
/// store is told its length), and readers of PDF and Office files get the seekable stream they need.
/// </summary>
internal sealed class S3FileStore : IFileStore, IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly S3StoreOptions _options;

    public S3FileStore(IOptions<FilesOptions> options)
    {
        _options = options.Value.S3;
        _client = new AmazonS3Client(new BasicAWSCredentials(_options.AccessKey, _options.SecretKey), new AmazonS3Config
        {
            ServiceURL = _options.ServiceUrl,
            ForcePathStyle = true,
            AuthenticationRegion = _options.Region,
            // Checksums only where the protocol requires them: S3-compatible stores do not all read the trailing
            // checksums the SDK now adds by default. The SHA-256 of each file is ours, in its row.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });
    }

    public async Task<StoredFile> SaveAsync(Stream content, CancellationToken ct)
    {
        var key = StoredFiles.NewKey();
        await using var buffer = TemporaryFile();
        var (length, sha256) = await StoredFiles.CopyAsync(content, buffer, ct);
        buffer.Position = 0;
        await TryAsync(key, () => _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _options.Bucket, Key = _options.Prefix + key, InputStream = buffer, AutoCloseStream = false,
            UseChunkEncoding = false, ContentType = "application/octet-stream",
        }, ct));
        return new StoredFile(key, length, sha256);
    }

    public async Task<Stream> OpenReadAsync(string key, CancellationToken ct)
    {
        using var response = await TryAsync(key, () => _client.GetObjectAsync(_options.Bucket, _options.Prefix + key, ct));
        var copy = TemporaryFile();
        try
        {
            await response.ResponseStream.CopyToAsync(copy, ct);
            copy.Position = 0;
            return copy;
        }
        catch
        {
            await copy.DisposeAsync();
            throw;
        }
    }

    public Task DeleteAsync(string key, CancellationToken ct) =>
        TryAsync(key, () => _client.DeleteObjectAsync(_options.Bucket, _options.Prefix + key, ct));

    public async IAsyncEnumerable<(string Key, DateTimeOffset WrittenAt)> ListAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var request = new ListObjectsV2Request { BucketName = _options.Bucket, Prefix = _options.Prefix };
        while (true)
        {
            var page = await TryAsync("", () => _client.ListObjectsV2Async(request, ct));
            foreach (var item in page.S3Objects ?? [])
                yield return (item.Key[_options.Prefix.Length..], new DateTimeOffset(DateTime.SpecifyKind(item.LastModified ?? DateTime.UtcNow, DateTimeKind.Utc)));
            if (page.IsTruncated != true) yield break;
            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    /// <summary>Deleted when closed: this machine keeps nothing of a file once it is read or sent.</summary>
    private static FileStream TemporaryFile() =>
        new(Path.Combine(Path.GetTempPath(), "rqiiac-" + Guid.NewGuid().ToString("N")), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
            81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);

    /// <summary>The store's refusals as the interface says them: a missing object, or an input/output error.</summary>
    private static async Task<T> TryAsync<T>(string key, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && key.Length > 0)
        {
            throw new FileNotFoundException($"Fichier {key} introuvable dans le stockage d'objets.", key, e);
        }
        catch (AmazonServiceException e)
        {
            throw new IOException($"Stockage d'objets : {e.Message}", e);
        }
        catch (HttpRequestException e)
        {
            throw new IOException($"Stockage d'objets injoignable : {e.Message}", e);
        }
    }

    public void Dispose() => _client.Dispose();
}
