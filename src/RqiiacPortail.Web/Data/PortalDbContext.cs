using System.Linq.Expressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Modules.Members;

namespace RqiiacPortail.Web.Data;

/// <summary>
/// The portal's single DbContext. Each module keeps its entities and their
/// <see cref="IEntityTypeConfiguration{TEntity}"/> in its own folder; they are found by assembly scan.
/// </summary>
/// <remarks>
/// One context (rather than one per module) keeps a request's changes and its outbox rows in one transaction.
/// Each provider has a subclass so it can carry its own migrations:
/// <c>dotnet ef migrations add NAME --project src/RqiiacPortail.Web --context SqlitePortalDbContext --output-dir Data/Migrations/Sqlite</c>
/// and the same with <c>PostgresPortalDbContext</c> and <c>Data/Migrations/Postgres</c>.
/// </remarks>
public abstract class PortalDbContext(DbContextOptions options, ICurrentSectionId currentSection)
    : IdentityDbContext<PortalUser, IdentityRole, string>(options), Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    /// <summary>
    /// The data-protection keys (cookies, form tokens, confirmation links): in the database every instance shares,
    /// not in a folder only one machine sees.
    /// </summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys => Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    /// <summary>The name of the query filter that keeps a section's rows inside the section.</summary>
    public const string SectionFilter = "Section";

    /// <summary>Read by the section query filter at query time (EF parameterises it per query).</summary>
    public int? CurrentSectionId => currentSection.Value;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly,
            t => t.Namespace?.StartsWith("RqiiacPortail.Web.Modules", StringComparison.Ordinal) == true
              || t.Namespace?.StartsWith("RqiiacPortail.Web.Infrastructure", StringComparison.Ordinal) == true);

        foreach (var entity in builder.Model.GetEntityTypes()
                     .Where(e => typeof(ISectionOwned).IsAssignableFrom(e.ClrType) && e.BaseType is null))
        {
            builder.Entity(entity.ClrType).HasQueryFilter(SectionFilter, SectionFilterFor(entity.ClrType));
            builder.Entity(entity.ClrType).HasIndex(nameof(ISectionOwned.SectionId));
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        CheckTextLengths();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        CheckTextLengths();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// SQLite stores a text of any length in a <c>varchar(200)</c>; PostgreSQL refuses it. Checking the model's
    /// lengths here makes both providers refuse the same rows, so a text that overflows its column fails the
    /// tests on the embedded default as it would in production, naming the column.
    /// </summary>
    private void CheckTextLengths()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            foreach (var property in entry.Properties)
            {
                if (property.CurrentValue is not string text || property.Metadata.GetMaxLength() is not { } max || text.Length <= max) continue;
                if (entry.State == EntityState.Modified && !property.IsModified) continue;
                throw new DbUpdateException(
                    $"{entry.Metadata.DisplayName()}.{property.Metadata.Name} holds {text.Length} characters; its column takes {max}.");
            }
        }
    }

    // e => e.SectionId == this.CurrentSectionId
    private LambdaExpression SectionFilterFor(Type clrType)
    {
        var e = Expression.Parameter(clrType, "e");
        var sectionId = Expression.Convert(Expression.Property(e, nameof(ISectionOwned.SectionId)), typeof(int?));
        var current = Expression.Property(Expression.Constant(this), nameof(CurrentSectionId));
        return Expression.Lambda(Expression.Equal(sectionId, current), e);
    }
}

public sealed class SqlitePortalDbContext(DbContextOptions<SqlitePortalDbContext> options, ICurrentSectionId currentSection)
    : PortalDbContext(options, currentSection)
{
    // SQLite has no date type that compares correctly with offsets: store instants as UTC ticks so that
    // "due before now" queries translate and order right.
    protected override void ConfigureConventions(ModelConfigurationBuilder builder) =>
        builder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();

    private sealed class UtcTicksConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
}

public sealed class PostgresPortalDbContext(DbContextOptions<PostgresPortalDbContext> options, ICurrentSectionId currentSection)
    : PortalDbContext(options, currentSection);
