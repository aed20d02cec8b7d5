using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RqiiacPortail.Web.Modules.Bulletin;

/// <summary>A draft is read by the board alone; a published issue is in the public archive and the feed.</summary>
public enum IssueState
{
    Draft = 0,
    Published = 1,
}

/// <summary>
/// A numbered issue of the liaison bulletin « Inter Action Communautaire »: its date, a cover text and articles in
/// Markdown. The archive holds nothing personal: no author's account, only what the board wrote.
/// </summary>
public sealed class BulletinIssue
{
    public const int TitleLength = 200, CoverLength = 20_000;

    public int Id { get; set; }

    /// <summary>The issue's number as readers cite it (« n° 42 »): unique, the address of the issue.</summary>
    public int Number { get; set; }

    public required string Title { get; set; }

    /// <summary>The date printed on the issue (the day in Québec).</summary>
    public DateOnly IssuedOn { get; set; }

    public string Cover { get; set; } = "";
    public IssueState State { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>When a draft publishes itself (the board scheduled it), or null.</summary>
    public DateTimeOffset? ScheduledFor { get; set; }

    /// <summary>Whether publishing sends it to the subscribers (a past issue brought into the archive is not sent).</summary>
    public bool SendByEmail { get; set; } = true;

    /// <summary>When publishing started the send: its deliveries are written from then on, in the background.</summary>
    public DateTimeOffset? SendStartedAt { get; set; }

    /// <summary>The message every subscriber receives, stored once in the mail outbox.</summary>
    public long? BulkId { get; set; }

    /// <summary>A past issue that exists only as a PDF: the file in the store, and its name as uploaded.</summary>
    public string? PdfKey { get; set; }
    public string? PdfName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<BulletinArticle> Articles { get; set; } = [];

    /// <summary>« Dans le réseau »: links to what is new on the portal, in the board's order.</summary>
    public List<NetworkLink> Network { get; set; } = [];

    /// <summary>The reference framework's terms the issue is about (search facets, the taxonomy's use count).</summary>
    public List<BulletinIssueTerm> Terms { get; set; } = [];
}

public sealed class BulletinIssueTerm
{
    public int IssueId { get; set; }
    public int TermId { get; set; }
}

/// <summary>One line of « Dans le réseau »: a link to a page of the portal (a tool, an event, a thread).</summary>
public sealed class NetworkLink
{
    public const int KindLength = 40, TitleLength = 200, PathLength = 400;

    public int Id { get; set; }
    public int IssueId { get; set; }
    public int Position { get; set; }

    /// <summary>« Outil », « Événement », « Discussion ».</summary>
    public required string Kind { get; set; }
    public required string Title { get; set; }

    /// <summary>An address from the site's root: the portal's own pages only.</summary>
    public required string Path { get; set; }

    /// <summary>Only a path of this site (the rule of every local link), within its column and without spaces.</summary>
    public static bool IsLocal(string? path) =>
        path is { Length: <= PathLength } && Infrastructure.Web.LocalPaths.IsLocal(path) && !path.Any(char.IsWhiteSpace);
}

public sealed class BulletinArticle
{
    public const int TitleLength = 200, BodyLength = 50_000;

    public int Id { get; set; }
    public int IssueId { get; set; }
    public int Position { get; set; }
    public required string Title { get; set; }
    public string Body { get; set; } = "";
}

internal sealed class BulletinIssueConfiguration : IEntityTypeConfiguration<BulletinIssue>
{
    public void Configure(EntityTypeBuilder<BulletinIssue> b)
    {
        b.ToTable("BulletinIssues");
        b.Property(i => i.Title).HasMaxLength(BulletinIssue.TitleLength);
        b.Property(i => i.Cover).HasMaxLength(BulletinIssue.CoverLength);
        b.Property(i => i.PdfKey).HasMaxLength(100);
        b.Property(i => i.PdfName).HasMaxLength(200);
        // Two board members numbering an issue at once: the database keeps one.
        b.HasIndex(i => i.Number).IsUnique();
        b.HasIndex(i => new { i.State, i.IssuedOn });
        b.HasIndex(i => i.ScheduledFor);
        b.HasMany(i => i.Articles).WithOne().HasForeignKey(a => a.IssueId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.Network).WithOne().HasForeignKey(n => n.IssueId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.Terms).WithOne().HasForeignKey(t => t.IssueId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BulletinIssueTermConfiguration : IEntityTypeConfiguration<BulletinIssueTerm>
{
    public void Configure(EntityTypeBuilder<BulletinIssueTerm> b)
    {
        b.ToTable("BulletinIssueTerms");
        b.HasKey(t => new { t.IssueId, t.TermId });
        b.HasIndex(t => t.TermId);
    }
}

internal sealed class NetworkLinkConfiguration : IEntityTypeConfiguration<NetworkLink>
{
    public void Configure(EntityTypeBuilder<NetworkLink> b)
    {
        b.ToTable("BulletinNetworkLinks");
        b.Property(n => n.Kind).HasMaxLength(NetworkLink.KindLength);
        b.Property(n => n.Title).HasMaxLength(NetworkLink.TitleLength);
        b.Property(n => n.Path).HasMaxLength(NetworkLink.PathLength);
    }
}

internal sealed class BulletinArticleConfiguration : IEntityTypeConfiguration<BulletinArticle>
{
    public void Configure(EntityTypeBuilder<BulletinArticle> b)
    {
        b.ToTable("BulletinArticles");
        b.Property(a => a.Title).HasMaxLength(BulletinArticle.TitleLength);
        b.Property(a => a.Body).HasMaxLength(BulletinArticle.BodyLength);
    }
}
