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
}

internal sealed class LocalFileStore(IOptions<PortalOptions> portal) : IFileStore
{
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
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
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
        return new StoredFile(key, length, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }

    public Stream OpenRead(string key) => new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    public void Delete(string key)
    {
        var path = PathOf(key);
        if (File.Exists(path)) File.Delete(path);
    }

    private string PathOf(string key)
    {
        // Keys are ours, but refuse anything that could leave the folder all the same.
        if (key.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(key)) throw new ArgumentException("Invalid file key.", nameof(key));
        return Path.Combine(Root, key);
    }
}
