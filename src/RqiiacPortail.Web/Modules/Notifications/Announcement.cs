using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RqiiacPortail.Web.Modules.Notifications;

/// <summary>
/// An announcement of the board (to the network) or of a region's coordination (to its members): a notification to
/// each member of the audience, and, when it has a body, a page of its own at <c>/annonces/{id}</c> (public, or for
/// members); shown as a banner on the home pages until <see cref="BannerUntil"/>; sent by e-mail too when asked.
/// </summary>
public sealed class Announcement
{
    public const int TitleLength = 200, TextLength = 20_000, LinkLength = 300;

    public int Id { get; set; }

    /// <summary>The region announced to, or null for the whole network.</summary>
    public int? SectionId { get; set; }

    public required string Title { get; set; }

    /// <summary>Markdown; empty for a one-line announcement (its notification then opens <see cref="Link"/>).</summary>
    public string Text { get; set; } = "";

    /// <summary>A page of the portal to open, or null.</summary>
    public string? Link { get; set; }

    /// <summary>The announcement's page is for members (signed in) rather than anyone.</summary>
    public bool ForMembers { get; set; }

    /// <summary>The last day (in Québec) its banner shows on the home pages, or null for no banner.</summary>
    public DateOnly? BannerUntil { get; set; }

    /// <summary>Sent by e-mail to the audience too (through the bulk lane, each message with its unsubscribe).</summary>
    public bool ByEmail { get; set; }

    public long? BulkId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Where the notification and the banner lead: the announcement's page when it has a body.</summary>
    public string Target => Text.Length > 0 ? $"/annonces/{Id}" : Link ?? "/";
}

internal sealed class AnnouncementConfiguration : IEntityTypeConfiguration<Announcement>
{
    public void Configure(EntityTypeBuilder<Announcement> b)
    {
        b.ToTable("Announcements");
        b.Property(a => a.Title).HasMaxLength(Announcement.TitleLength);
        b.Property(a => a.Text).HasMaxLength(Announcement.TextLength);
        b.Property(a => a.Link).HasMaxLength(Announcement.LinkLength);
        b.HasIndex(a => a.BannerUntil);
    }
}
