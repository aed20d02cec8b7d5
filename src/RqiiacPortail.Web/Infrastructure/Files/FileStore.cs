using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace RqiiacPortail.Web.Infrastructure.Files;

/// <summary>A stored file: where it is (opaque to callers), how big, and its SHA-256 in hexadecimal.</summary>
public sealed record StoredFile(string Key, long Length, string Sha256);

/// <summary>
/// Where uploaded files live. The local disk (under the data folder) by default; in a cluster the folder is
/// shared (the compose file's volume), or another implementation stores elsewhere.
/// </summary>
public interface IFileStore
{
    Task<StoredFile> SaveAsync(Stream content, CancellationToken ct);

    Stream OpenRead(string key);

    void Delete(string key);

    /// <summary>Every stored file (half-written ones included, their keys ending in <c>.partiel</c>) and when it was last written.</summary>
    IEnumerable<(string Key, DateTimeOffset WrittenAt)> List();
}

/// <summary>
/// The stored files a module still points at. Each module that keeps files in the store registers one, so that
/// <see cref="OrphanFileSweeper"/> never deletes a file some row still needs.
/// </summary>
public interface IStoredFileReferences
{
    IAsyncEnumerable<string> KeysAsync(CancellationToken ct);
}

internal sealed class LocalFileStore(IOptions<PortalOptions> portal) : IFileStore
{
    internal const string PartialSuffix = ".partiel";

    private string Root => Path.Combine(portal.Value.DataPath, "fichiers");

    public async Task<StoredFile> SaveAsync(Stream content, CancellationToken ct)
    {
        // Named by a fresh id, never by what the uploader called it; two levels of folders keep them small.
        var id = Guid.NewGuid().ToString("N");
        var key = $"{id[..2]}/{id}";
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long length = 0;
        // Written aside, then renamed: an upload cancelled or killed half-way leaves a ".partiel" file, removed
        // here or at the next start, never a truncated file under a real key.
        var partial = path + PartialSuffix;
        if (content.CanSeek) content.Position = 0;
        try
        {
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    sha.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                    length += read;
                }
            }
            File.Move(partial, path);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
        return new StoredFile(key, length, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }

    public Stream OpenRead(string key) => new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    public void Delete(string key)
    {
        var path = PathOf(key);
        if (File.Exists(path)) File.Delete(path);
    }

    public IEnumerable<(string Key, DateTimeOffset WrittenAt)> List()
    {
        if (!Directory.Exists(Root)) yield break;
        foreach (var path in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
        {
            var key = Path.GetRelativePath(Root, path).Replace('\\', '/');
            yield return (key, File.GetLastWriteTimeUtc(path));
        }
    }

    private string PathOf(string key)
    {
        // Keys are ours, but refuse anything that could leave the folder all the same.
        if (key.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(key)) throw new ArgumentException("Invalid file key.", nameof(key));
        return Path.Combine(Root, key);
    }
}
