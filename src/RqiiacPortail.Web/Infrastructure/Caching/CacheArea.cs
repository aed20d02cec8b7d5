using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace RqiiacPortail.Web.Infrastructure.Caching;

/// <summary>
/// A kind of content that caches hold copies of (sections, tools, the taxonomy, role grants), with the entities
/// whose saved changes make those copies old. <paramref name="Matters"/> narrows which changes count (a member's
/// sign-in touches their row, only a change of status changes what they may do). A personal area
/// (<paramref name="OwnerOf"/> set) has one generation per member: a new notification moves its addressee's bell only.
/// </summary>
public sealed record CacheArea(string Name, IReadOnlyList<Type> Entities, Func<EntityEntry, bool>? Matters = null, Func<EntityEntry, string?>? OwnerOf = null)
{
    public bool IsPersonal => OwnerOf is not null;

    /// <summary>The generation's key of one member's part of a personal area.</summary>
    public static string PersonalKey(string area, string owner) => $"{area}:{owner}";

    public bool IsChangedBy(EntityEntry entry) =>
        Entities.Contains(entry.Metadata.ClrType) && (Matters is null || Matters(entry));
}

public static class CacheAreaRegistration
{
    /// <summary>A module declares each area it caches and what invalidates it; the host does the rest.</summary>
    public static IServiceCollection AddCacheArea(this IServiceCollection services, CacheArea area) => services.AddSingleton(area);

    public static IServiceCollection AddCacheArea(this IServiceCollection services, string name, params Type[] entities) =>
        services.AddCacheArea(new CacheArea(name, entities));
}
