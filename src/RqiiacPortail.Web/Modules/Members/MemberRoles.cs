using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Caching;
using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.Web.Modules.Members;

/// <summary>
/// Reads role grants: kept in memory per member until a grant, a national role or a member's status changes
/// anywhere (the "roles" cache area, checked at every request on every instance), and once per request.
/// </summary>
public sealed class MemberRoles(PortalDbContext db, GenerationalCache cache) : IMemberRoles
{
    public const string Area = "roles";
    private static readonly string[] Areas = [Area];

    private readonly Dictionary<string, Grants> _cache = [];

    internal sealed record Grants(IReadOnlySet<string> National, IReadOnlyList<(int SectionId, string Role)> InSections, bool Approved)
    {
        /// <summary>
        /// The permission rule: administrators hold everything, a national role grants everywhere, a section role
        /// in its section (or, asked "in any section", in one of them).
        /// </summary>
        public bool Allow(Permission permission, SectionScope scope) =>
            National.Contains(Roles.Administrator)
            || permission.NationalRoles.Any(National.Contains)
            || InSections.Any(g => permission.SectionRoles.Contains(g.Role) && (scope.SectionId is null || g.SectionId == scope.SectionId));
    }

    internal async Task<Grants> GrantsAsync(string userId, CancellationToken ct = default)
    {
        if (_cache.TryGetValue(userId, out var cached)) return cached;
        return _cache[userId] = await cache.GetOrLoadAsync("grants:" + userId, Areas,
            (services, token) => ReadAsync(services.GetRequiredService<PortalDbContext>(), userId, token), TimeSpan.FromMinutes(30), ct);
    }

    private static async Task<Grants> ReadAsync(PortalDbContext db, string userId, CancellationToken ct)
    {
        var approved = await db.Users.AnyAsync(u => u.Id == userId && u.Status == MembershipStatus.Approved, ct);
        var national = await (from ur in db.UserRoles
                              join r in db.Roles on ur.RoleId equals r.Id
                              where ur.UserId == userId
                              select r.Name!).ToListAsync(ct);
        var sections = await db.Set<SectionRole>().Where(r => r.UserId == userId)
            .Select(r => new { r.SectionId, r.Role }).ToListAsync(ct);
        // A refused or pending account holds nothing, whatever rows remain.
        return approved
            ? new Grants(national.ToHashSet(), sections.Select(s => (s.SectionId, s.Role)).ToList(), true)
            : new Grants(new HashSet<string>(), [], false);
    }

    public async Task<IReadOnlyList<int>> SectionsWhereAsync(string userId, string role, CancellationToken ct = default) =>
        (await GrantsAsync(userId, ct)).InSections.Where(g => g.Role == role).Select(g => g.SectionId).Distinct().ToList();

    public async Task<string> KindAsync(string userId, CancellationToken ct = default)
    {
        var grants = await GrantsAsync(userId, ct);
        if (!grants.Approved) return "-";
        return string.Join(',', grants.National.Order(StringComparer.Ordinal)) + ";"
            + string.Join(',', grants.InSections.Distinct().OrderBy(g => g.SectionId).ThenBy(g => g.Role, StringComparer.Ordinal)
                .Select(g => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{g.SectionId}:{g.Role}")));
    }

    public async Task<IReadOnlyList<string>> HoldersAsync(int sectionId, string role, CancellationToken ct = default) =>
        await db.Set<SectionRole>().Where(r => r.SectionId == sectionId && r.Role == role)
            .Join(db.Users.Where(u => u.Status == MembershipStatus.Approved), r => r.UserId, u => u.Id, (r, u) => u.Id)
            .Distinct().ToListAsync(ct);

    public async Task<IReadOnlyList<string>> AdministratorsAsync(CancellationToken ct = default) =>
        await (from ur in db.UserRoles
               join r in db.Roles on ur.RoleId equals r.Id
               where r.Name == Roles.Administrator
               select ur.UserId).ToListAsync(ct);

    internal void Forget(string userId) => _cache.Remove(userId);
}

/// <summary>Sign-in is allowed once the address is confirmed and the region has approved the application.</summary>
public sealed class MemberConfirmation : IUserConfirmation<PortalUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<PortalUser> manager, PortalUser user) =>
        Task.FromResult(user.EmailConfirmed && user.Status == MembershipStatus.Approved);
}
