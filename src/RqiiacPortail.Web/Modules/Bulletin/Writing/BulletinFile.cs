using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Files;

namespace RqiiacPortail.Web.Modules.Bulletin.Writing;

/// <summary>
/// An image uploaded for an issue's articles (through the file store, checked by its bytes like every upload),
/// served at <c>/bulletin/images/{id}/{name}</c>: to anyone once its issue is published, to the board before.
/// </summary>
public sealed class BulletinImage
{
    public const int NameLength = 130;

    public int Id { get; set; }
    public int IssueId { get; set; }
    public required string Key { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Length { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public string Path => $"/bulletin/images/{Id}/{Uri.EscapeDataString(FileName)}";
}

internal sealed class BulletinImageConfiguration : IEntityTypeConfiguration<BulletinImage>
{
    public void Configure(EntityTypeBuilder<BulletinImage> b)
    {
        b.ToTable("BulletinImages");
        b.Property(i => i.Key).HasMaxLength(100);
        b.Property(i => i.FileName).HasMaxLength(BulletinImage.NameLength);
        b.Property(i => i.ContentType).HasMaxLength(100);
        b.HasIndex(i => i.IssueId);
        b.HasOne<BulletinIssue>().WithMany().HasForeignKey(i => i.IssueId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The bulletin's files in the store (images, past issues' PDF): the orphan sweeper leaves them alone.</summary>
internal sealed class BulletinFileReferences(PortalDbContext db) : IStoredFileReferences
{
    public async IAsyncEnumerable<string> KeysAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var key in db.Set<BulletinImage>().AsNoTracking().Select(i => i.Key).AsAsyncEnumerable().WithCancellation(ct)) yield return key;
        await foreach (var key in db.Set<BulletinIssue>().AsNoTracking().Where(i => i.PdfKey != null).Select(i => i.PdfKey!).AsAsyncEnumerable().WithCancellation(ct)) yield return key;
    }
}
