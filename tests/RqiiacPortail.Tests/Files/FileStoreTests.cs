using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Infrastructure;
using RqiiacPortail.Web.Infrastructure.Files;

namespace RqiiacPortail.Tests.Files;

/// <summary>What every file store does, the same on the disk and in an S3-compatible object store.</summary>
public abstract class FileStoreTests : IDisposable
{
    protected abstract IFileStore Store { get; }

    private static byte[] Content(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private async Task<byte[]> ReadAsync(string key)
    {
        await using var stream = await Store.OpenReadAsync(key, CancellationToken.None);
        Assert.True(stream.CanSeek, "readers of PDF and Office files need to seek");
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        stream.Position = 0;
        Assert.Equal(copy.Length, stream.Length);
        return copy.ToArray();
    }

    private async Task<Dictionary<string, DateTimeOffset>> ListedAsync()
    {
        var listed = new Dictionary<string, DateTimeOffset>();
        await foreach (var (key, writtenAt) in Store.ListAsync(CancellationToken.None)) listed[key] = writtenAt;
        return listed;
    }

    [Fact]
    public async Task AFileSaved_ComesBackWhole_WithItsLengthAndSha256_AndIsListed()
    {
        var content = Content(300_000, 1);
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);

        var stored = await Store.SaveAsync(new MemoryStream(content), CancellationToken.None);

        Assert.Equal(content.Length, stored.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), stored.Sha256);
        Assert.Equal(content, await ReadAsync(stored.Key));
        var listed = await ListedAsync();
        Assert.True(listed.TryGetValue(stored.Key, out var writtenAt));
        Assert.InRange(writtenAt, before, DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task AStreamThatCannotSeek_AndALargeFile_AreStoredAsTheyCame()
    {
        var content = Content(12 * 1024 * 1024 + 17, 2);
        var stored = await Store.SaveAsync(new OneWayStream(content), CancellationToken.None);

        Assert.Equal(content.Length, stored.Length);
        Assert.Equal(content, await ReadAsync(stored.Key));
    }

    [Fact]
    public async Task ADeletedFile_IsGone_AndDeletingItAgainIsNoError()
    {
        var stored = await Store.SaveAsync(new MemoryStream(Content(1000, 3)), CancellationToken.None);

        await Store.DeleteAsync(stored.Key, CancellationToken.None);
        await Store.DeleteAsync(stored.Key, CancellationToken.None);

        await Assert.ThrowsAsync<FileNotFoundException>(() => Store.OpenReadAsync(stored.Key, CancellationToken.None));
        Assert.DoesNotContain(stored.Key, (await ListedAsync()).Keys);
    }

    [Fact]
    public async Task FilesSavedAtOnce_EachHaveTheirOwnKey()
    {
        var contents = Enumerable.Range(10, 8).Select(i => Content(50_000, i)).ToList();

        var stored = await Task.WhenAll(contents.Select(c => Store.SaveAsync(new MemoryStream(c), CancellationToken.None)));

        Assert.Equal(8, stored.Select(s => s.Key).Distinct().Count());
        for (var i = 0; i < 8; i++) Assert.Equal(contents[i], await ReadAsync(stored[i].Key));
    }

    public virtual void Dispose() => (Store as IDisposable)?.Dispose();

    /// <summary>An upload as the request body gives it: read once, front to back.</summary>
    private sealed class OneWayStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
        public override long Position { get => base.Position; set => throw new NotSupportedException(); }
    }
}

public sealed class LocalFileStoreTests : FileStoreTests
{
    private readonly string _data = Directory.CreateTempSubdirectory("rqiiac-store-").FullName;

    public LocalFileStoreTests() => Store = new LocalFileStore(Options.Create(new PortalOptions { DataPath = _data }));

    protected override IFileStore Store { get; }

    public override void Dispose()
    {
        base.Dispose();
        Directory.Delete(_data, recursive: true);
    }
}

public sealed class S3FileStoreTests : FileStoreTests
{
    public S3FileStoreTests() => Store = new S3FileStore(Options.Create(new FilesOptions
    {
        Store = "S3",
        S3 = new S3StoreOptions
        {
            ServiceUrl = TestServices.S3, Bucket = TestServices.S3Bucket, AccessKey = "S3RVER", SecretKey = "S3RVER", Region = "us-east-1",
            Prefix = $"magasin-{Guid.NewGuid():N}/",
        },
    }));

    protected override IFileStore Store { get; }
}
