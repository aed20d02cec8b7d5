using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.Web.Modules.Forum;

/// <summary>Who may read a category (and so its threads, in the pages, the search and the notifications).</summary>
public enum CategoryAccess
{
    Public = 0,
    Members = 1,
    SectionMembers = 2,
}

/// <summary>A category of the forum: national ones belong to the national section, the others to their region's.</summary>
public sealed class ForumCategory : ISectionOwned
{
    public int Id { get; set; }
    public int SectionId { get; set; }

    /// <summary>Unique across the network: <c>/forum/{slug}</c> names one category wherever it is read from.</summary>
    public required string Slug { get; set; }

    public required string Name { get; set; }
    public string? Description { get; set; }
    public CategoryAccess Access { get; set; }

    /// <summary>Who may read it: what the pages check and the search index stores for its threads.</summary>
    [System.ComponentModel.DataAnnotations.Schema.NotMapped]
    public Audience Audience => Access switch
    {
        CategoryAccess.Public => Audience.Everyone,
        CategoryAccess.Members => Audience.Members,
        _ => Audience.SectionMembers(SectionId),
    };
    public int Position { get; set; }

    /// <summary>Members may post under a pseudonym here (*Éthique et dilemmes*); such posts always wait for approval.</summary>
    public bool AllowsPseudonyms { get; set; }

    /// <summary>Only the board (and administrators) post here (*Annonces*).</summary>
    public bool BoardOnly { get; set; }
}

/// <summary>A section's forum settings (kept by the forum, not in the section's own row).</summary>
public sealed class ForumSectionSettings
{
    public const int DefaultFirstPostsToModerate = 2;

    public int SectionId { get; set; }

    /// <summary>How many of a new member's first posts wait for a moderator's approval.</summary>
    public int FirstPostsToModerate { get; set; } = DefaultFirstPostsToModerate;
}

internal sealed class ForumCategoryConfiguration : IEntityTypeConfiguration<ForumCategory>
{
    public void Configure(EntityTypeBuilder<ForumCategory> b)
    {
        b.ToTable("ForumCategories");
        b.Property(c => c.Slug).HasMaxLength(60);
        b.Property(c => c.Name).HasMaxLength(100);
        b.Property(c => c.Description).HasMaxLength(500);
        b.HasIndex(c => c.Slug).IsUnique();
    }
}

internal sealed class ForumSectionSettingsConfiguration : IEntityTypeConfiguration<ForumSectionSettings>
{
    public void Configure(EntityTypeBuilder<ForumSectionSettings> b)
    {
        b.ToTable("ForumSectionSettings");
        b.HasKey(s => s.SectionId);
        b.Property(s => s.SectionId).ValueGeneratedNever();
    }
}
