using System.Security.Cryptography;

namespace RqiiacPortail.Web.Infrastructure.Files;

/// <summary>A stored file: where it is (opaque to callers), how big, and its SHA-256 in hexadecimal.</summary>
public sealed record StoredFile(string Key, long Length, string Sha256);

/// <summary>
/// Where uploaded files live: the local disk under the data folder by default (<see cref="LocalFileStore"/>;
/// shared by a cluster's instances as a volume), or an S3-compatible object store (<see cref="S3FileStore"/>).
/// A store that cannot do what is asked throws an <see cref="IOException"/>.
/// </summary>
public interface IFileStore
{
    Task<StoredFile> SaveAsync(Stream content, CancellationToken ct);

    /// <summary>The file's content, seekable (readers of PDF and Office files jump about); <see cref="FileNotFoundException"/> when it is gone.</summary>
    Task<Stream> OpenReadAsync(string key, CancellationToken ct);

    /// <summary>Deletes the file; a file already gone is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken ct);

    /// <summary>Every stored file (on disk, half-written ones too, their keys ending in <c>.partiel</c>) and when it was last written.</summary>
    IAsyncEnumerable<(string Key, DateTimeOffset WrittenAt)> ListAsync(CancellationToken ct);
}

/// <summary>
/// The stored files a module still points at. Each module that keeps files in the store registers one, so that
/// <see cref="OrphanFileSweeper"/> never deletes a file some row still needs.
/// </summary>
public interface IStoredFileReferences
{
    IAsyncEnumerable<string> KeysAsync(CancellationToken ct);
}

internal static class StoredFiles
{
    /// <summary>A fresh key, never what the uploader called the file; two levels keep folders (and listings) small.</summary>
    public static string NewKey()
    {
        var id = Guid.NewGuid().ToString("N");
        return $"{id[..2]}/{id}";
    }

    /// <summary>Copies an upload to where it is kept, measuring and hashing it on the way.</summary>
    public static async Task<(long Length, string Sha256)> CopyAsync(Stream content, Stream destination, CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (content.CanSeek) content.Position = 0;
        var buffer = new byte[81920];
        long length = 0;
        int read;
        while ((read = await content.ReadAsync(buffer, ct)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            await destination.WriteAsync(buffer.AsMemory(0, read), ct);
            length += read;
        }
        return (length, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }
}
