using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Sections;

/// <summary>The national site (code 00) or a regional section (codes 01–17 and any added later).</summary>
public sealed class Section
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public bool IsNational { get; set; }
    public bool IsActive { get; set; } = true;
    public string? Description { get; set; }
    public string Theme { get; set; } = ThemeNames.Default;
    public string AccentColor { get; set; } = "#005a70";
    public List<string> EnabledModules { get; set; } = [];
    public List<string> HostNames { get; set; } = [];

    public SectionInfo ToInfo() =>
        new(Id, Code, Slug, Name, IsNational, IsActive, Description, Theme, AccentColor, EnabledModules.ToList(), HostNames.ToList());
}

public static class ThemeNames
{
    public const string Default = "defaut";
}

public sealed class SectionConfiguration : IEntityTypeConfiguration<Section>
{
    public void Configure(EntityTypeBuilder<Section> b)
    {
        b.ToTable("Sections");
        b.Property(s => s.Code).HasMaxLength(8);
        b.Property(s => s.Slug).HasMaxLength(64);
        b.Property(s => s.Name).HasMaxLength(120);
        b.Property(s => s.Description).HasMaxLength(8000);
        b.Property(s => s.Theme).HasMaxLength(40);
        b.Property(s => s.AccentColor).HasMaxLength(7);
        b.HasIndex(s => s.Code).IsUnique();
        b.HasIndex(s => s.Slug).IsUnique();
    }
}
