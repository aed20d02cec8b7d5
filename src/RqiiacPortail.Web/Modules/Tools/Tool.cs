using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.Web.Modules.Tools;

public enum ToolVisibility
{
    Public = 0,
    Members = 1,
    SectionMembers = 2,
}

public enum ToolStatus
{
    /// <summary>Saved, waiting for its author to confirm the personal information found in it.</summary>
    Draft = 0,
    Published = 1,
    Withdrawn = 2,
}

/// <summary>An intervention tool shared by a member: files and links, described with the reference framework.</summary>
public sealed class Tool : ISectionOwned
{
    public int Id { get; set; }
    public int SectionId { get; set; }
    public required string Title { get; set; }
    public required string Summary { get; set; }
    public required string Licence { get; set; }
    public string? Author { get; set; }
    public string? Organisation { get; set; }
    public ToolVisibility Visibility { get; set; }

    /// <summary>Who may see it once published: what the pages check and the search index stores.</summary>
    [System.ComponentModel.DataAnnotations.Schema.NotMapped]
    public Audience Audience => Visibility switch
    {
        ToolVisibility.Public => Audience.Everyone,
        ToolVisibility.Members => Audience.Members,
        _ => Audience.SectionMembers(SectionId),
    };
    public ToolStatus Status { get; set; }
    public required string CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public List<ToolFile> Files { get; set; } = [];
    public List<ToolLink> Links { get; set; } = [];
    public List<ToolTerm> Terms { get; set; } = [];

    /// <summary>Its author asked to publish it: it goes out by itself once its files are analysed and nothing is found.</summary>
    public bool PublishWhenClean { get; set; }

    /// <summary>Whether a file's text is still being read and checked (after upload, outside the request).</summary>
    public bool IsBeingAnalysed => Files.Any(f => f.AnalyzedAt is null);

    public int Downloads => Files.Sum(f => f.Downloads);

    /// <summary>The current version of each file, held ones included (what its author and editors see), in the order they were added.</summary>
    public IEnumerable<ToolFile> CurrentFiles => Latest(Files);

    /// <summary>
    /// The current version of each file that has gone out: a version held for review (personal information found
    /// in it, not yet confirmed) leaves the previous one in place, and a file with no other version stays hidden.
    /// </summary>
    public IEnumerable<ToolFile> PublishedFiles => Latest(Files.Where(f => !f.HeldForReview));

    public bool HasHeldFiles => Files.Any(f => f.HeldForReview);

    private static IEnumerable<ToolFile> Latest(IEnumerable<ToolFile> files) =>
        files.GroupBy(f => f.Slot).Select(g => g.MaxBy(f => f.Version)!).OrderBy(f => f.Id);
}

/// <summary>One version of one file. Versions of the same file share a <see cref="Slot"/>.</summary>
public sealed class ToolFile
{
    public int Id { get; set; }
    public int ToolId { get; set; }
    public Guid Slot { get; set; }
    public int Version { get; set; } = 1;
    public required string FileName { get; set; }
    public required string Kind { get; set; }
    public required string ContentType { get; set; }
    public long Length { get; set; }
    public required string Sha256 { get; set; }
    public required string StorageKey { get; set; }

    /// <summary>The text read from the file; a row of its own, loaded only where it is needed (search, the check).</summary>
    public ToolFileText? Text { get; set; }

    /// <summary>When its text was read and checked; null while the analysis waits or runs.</summary>
    public DateTimeOffset? AnalyzedAt { get; set; }

    /// <summary>Why its text could not be read (too costly, damaged), in French: it stays held until replaced.</summary>
    public string? AnalysisProblem { get; set; }

    /// <summary>
    /// Not yet analysed, or personal information was found in this version and its author has not confirmed it may
    /// go out: only the author and editors see or download it, search never indexes it.
    /// </summary>
    public bool HeldForReview { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
    public int Downloads { get; set; }
}

/// <summary>The text of one file version, kept apart so that lists of tools never carry it.</summary>
public sealed class ToolFileText
{
    public int FileId { get; set; }
    public required string Text { get; set; }
}

public sealed class ToolLink
{
    public int Id { get; set; }
    public int ToolId { get; set; }
    public required string Url { get; set; }
    public required string Title { get; set; }
}

/// <summary>A term of the taxonomy the tool is described with (by the term's id in the Taxonomy module).</summary>
public sealed class ToolTerm
{
    public int ToolId { get; set; }
    public int TermId { get; set; }
}

internal sealed class ToolConfiguration : IEntityTypeConfiguration<Tool>
{
    public void Configure(EntityTypeBuilder<Tool> b)
    {
        b.ToTable("Tools");
        b.Property(t => t.Title).HasMaxLength(200);
        b.Property(t => t.Summary).HasMaxLength(8000);
        b.Property(t => t.Licence).HasMaxLength(40);
        b.Property(t => t.Author).HasMaxLength(200);
        b.Property(t => t.Organisation).HasMaxLength(200);
        b.Property(t => t.CreatedById).HasMaxLength(450);
        b.Ignore(t => t.Downloads);
        b.Ignore(t => t.CurrentFiles);
        b.Ignore(t => t.PublishedFiles);
        b.Ignore(t => t.HasHeldFiles);
        b.Ignore(t => t.IsBeingAnalysed);
        b.HasMany(t => t.Files).WithOne().HasForeignKey(f => f.ToolId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(t => t.Links).WithOne().HasForeignKey(l => l.ToolId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(t => t.Terms).WithOne().HasForeignKey(t => t.ToolId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(t => new { t.Status, t.PublishedAt });
    }
}

internal sealed class ToolFileConfiguration : IEntityTypeConfiguration<ToolFile>
{
    public void Configure(EntityTypeBuilder<ToolFile> b)
    {
        b.ToTable("ToolFiles");
        b.Property(f => f.FileName).HasMaxLength(255);
        b.Property(f => f.Kind).HasMaxLength(10);
        b.Property(f => f.ContentType).HasMaxLength(120);
        b.Property(f => f.Sha256).HasMaxLength(64);
        b.Property(f => f.StorageKey).HasMaxLength(100);
        b.Property(f => f.AnalysisProblem).HasMaxLength(500);
        b.HasIndex(f => new { f.ToolId, f.Slot, f.Version }).IsUnique();
        b.HasIndex(f => f.StorageKey).IsUnique();
        b.HasOne(f => f.Text).WithOne().HasForeignKey<ToolFileText>(t => t.FileId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ToolFileTextConfiguration : IEntityTypeConfiguration<ToolFileText>
{
    public void Configure(EntityTypeBuilder<ToolFileText> b)
    {
        b.ToTable("ToolFileTexts");
        b.HasKey(t => t.FileId);
    }
}

internal sealed class ToolLinkConfiguration : IEntityTypeConfiguration<ToolLink>
{
    public void Configure(EntityTypeBuilder<ToolLink> b)
    {
        b.ToTable("ToolLinks");
        b.Property(l => l.Url).HasMaxLength(500);
        b.Property(l => l.Title).HasMaxLength(200);
    }
}

internal sealed class ToolTermConfiguration : IEntityTypeConfiguration<ToolTerm>
{
    public void Configure(EntityTypeBuilder<ToolTerm> b)
    {
        b.ToTable("ToolTerms");
        b.HasKey(t => new { t.ToolId, t.TermId });
        b.HasIndex(t => t.TermId);
    }
}
