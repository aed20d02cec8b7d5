namespace RqiiacPortail.Web.Data;

/// <summary>
/// A row that belongs to one regional section. Queries only see the current section's rows unless they say
/// otherwise with <see cref="SectionQueryExtensions.AcrossSections{T}"/>.
/// </summary>
public interface ISectionOwned
{
    int SectionId { get; }
}

/// <summary>The section the current request (or job) works in; null outside any section.</summary>
public interface ICurrentSectionId
{
    int? Value { get; }
}

public static class SectionQueryExtensions
{
    /// <summary>Reads rows of every section: national aggregation and administration say so explicitly.</summary>
    public static IQueryable<T> AcrossSections<T>(this IQueryable<T> query) where T : class, ISectionOwned =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.IgnoreQueryFilters(query, [PortalDbContext.SectionFilter]);
}
