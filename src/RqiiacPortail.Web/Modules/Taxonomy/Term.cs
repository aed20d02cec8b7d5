using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RqiiacPortail.Web.Modules.Taxonomy;

/// <summary>A vocabulary of the association's reference framework (approaches, professional acts, …).</summary>
public sealed class Vocabulary
{
    public int Id { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }

    /// <summary>Open lists (fields of practice) let administrators add terms freely.</summary>
    public bool IsOpen { get; set; }
    public int Order { get; set; }
    public List<Term> Terms { get; set; } = [];
}

public sealed class Term
{
    public int Id { get; set; }
    public int VocabularyId { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public int Order { get; set; }
}

public sealed class VocabularyConfiguration : IEntityTypeConfiguration<Vocabulary>
{
    public void Configure(EntityTypeBuilder<Vocabulary> b)
    {
        b.ToTable("Vocabularies");
        b.Property(v => v.Key).HasMaxLength(60);
        b.Property(v => v.Name).HasMaxLength(120);
        b.HasIndex(v => v.Key).IsUnique();
        b.HasMany(v => v.Terms).WithOne().HasForeignKey(t => t.VocabularyId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class TermConfiguration : IEntityTypeConfiguration<Term>
{
    public void Configure(EntityTypeBuilder<Term> b)
    {
        b.ToTable("Terms");
        b.Property(t => t.Slug).HasMaxLength(120);
        b.Property(t => t.Name).HasMaxLength(200);
        b.Property(t => t.Description).HasMaxLength(1000);
        b.HasIndex(t => new { t.VocabularyId, t.Slug }).IsUnique();
    }
}
