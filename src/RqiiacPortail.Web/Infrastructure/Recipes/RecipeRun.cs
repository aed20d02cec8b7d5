using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RqiiacPortail.Web.Infrastructure.Recipes;

/// <summary>A recipe applied to this site: the history administrators see, and the first-start marker.</summary>
public sealed class RecipeRun
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Source { get; set; }
    public int? TargetSectionId { get; set; }
    public DateTimeOffset AppliedAt { get; set; }
}

internal sealed class RecipeRunConfiguration : IEntityTypeConfiguration<RecipeRun>
{
    public void Configure(EntityTypeBuilder<RecipeRun> b)
    {
        b.ToTable("RecipeRuns");
        b.Property(r => r.Name).HasMaxLength(100);
        b.Property(r => r.Source).HasMaxLength(400);
    }
}
