using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace RqiiacPortail.Web.Infrastructure.Files;

/// <summary>Files under the data folder's <c>fichiers</c>: one machine, or several sharing the folder as a volume.</summary>
internal sealed class LocalFileStore(IOptions<PortalOptions> portal) : IFileStore
{
    internal const string PartialSuffix = ".partiel";

    private string Root => Path.Combine(portal.Value.DataPath, "fichiers");

    public async Task<StoredFile> SaveAsync(Stream content, CancellationToken ct)
    {
        var key = StoredFiles.NewKey();
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written aside, then renamed: an upload cancelled or killed half-way leaves a ".partiel" file, removed
        // here or by the sweeper, never a truncated file under a real key.
        var partial = path + PartialSuffix;
        try
        {
            (long Length, string Sha256) written;
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                written = await StoredFiles.CopyAsync(content, file, ct);
            File.Move(partial, path);
            return new StoredFile(key, written.Length, written.Sha256);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken ct) =>
        Task.FromResult<Stream>(new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true));

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        if (File.Exists(path)) File.Delete(path);
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<(string Key, DateTimeOffset WrittenAt)> ListAsync([EnumeratorCancellation] CancellationToken ct)
    {
        if (!Directory.Exists(Root)) yield break;
        foreach (var path in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
        {
            ct.ThrowIfCancellationRequested();
            var key = Path.GetRelativePath(Root, path).Replace('\\', '/');
            yield return (key, File.GetLastWriteTimeUtc(path));
        }
        await Task.CompletedTask;
    }

    private string PathOf(string key)
    {
        // Keys are ours, but refuse anything that could leave the folder all the same.
        if (key.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(key)) throw new ArgumentException("Invalid file key.", nameof(key));
        return Path.Combine(Root, key);
    }
}
