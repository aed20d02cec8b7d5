using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.Web.Modules.Members;

public sealed class MemberDirectory(PortalDbContext db) : IMemberDirectory
{
    public async Task<IReadOnlyList<MemberContact>> ContactsAsync(IReadOnlyCollection<string> userIds, CancellationToken ct = default) =>
        await db.Users.Where(u => userIds.Contains(u.Id) && u.Email != null)
            .Select(u => new MemberContact(u.Id, u.Email!, u.FirstName + " " + u.LastName, u.FirstName, u.HomeSectionId, u.Employer))
            .ToListAsync(ct);

    public async Task<IReadOnlyList<string>> MembersPageAsync(int? sectionId, string? after, int take, DateTimeOffset? joinedBy = null, CancellationToken ct = default) =>
        await Approved(sectionId).Where(u => after == null || string.Compare(u.Id, after) > 0)
            .Where(u => joinedBy == null || u.CreatedAt <= joinedBy)
            .OrderBy(u => u.Id).Select(u => u.Id).Take(take).ToListAsync(ct);

    public Task<int> CountMembersAsync(int? sectionId, CancellationToken ct = default) => Approved(sectionId).CountAsync(ct);

    public async Task<int?> HomeSectionAsync(string userId, CancellationToken ct = default) =>
        await db.Users.Where(u => u.Id == userId).Select(u => (int?)u.HomeSectionId).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<MemberProfile>> ProfilesAsync(IReadOnlyCollection<string> userIds, CancellationToken ct = default) =>
        userIds.Count == 0 ? [] : await Approved(null).Where(u => userIds.Contains(u.Id))
            .Select(u => new MemberProfile(u.Id, u.UserName!, u.FirstName + " " + u.LastName)).ToListAsync(ct);

    public async Task<IReadOnlyList<MemberProfile>> FindByUserNamesAsync(IReadOnlyCollection<string> userNames, CancellationToken ct = default)
    {
        var normalized = userNames.Select(n => n.ToUpperInvariant()).Distinct().ToList();
        return normalized.Count == 0 ? [] : await Approved(null).Where(u => normalized.Contains(u.NormalizedUserName!))
            .Select(u => new MemberProfile(u.Id, u.UserName!, u.FirstName + " " + u.LastName)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<MemberProfile>> SuggestAsync(string prefix, int take, CancellationToken ct = default)
    {
        var p = prefix.Trim().ToUpperInvariant();
        if (p.Length == 0) return [];
        // Names are compared as the database folds case: user names through their normalized column.
        var lower = prefix.Trim().ToLower(System.Globalization.CultureInfo.InvariantCulture);
        return await Approved(null)
            .Where(u => u.NormalizedUserName!.StartsWith(p) || u.FirstName.ToLower().StartsWith(lower) || u.LastName.ToLower().StartsWith(lower))
            .OrderBy(u => u.UserName).Take(take)
            .Select(u => new MemberProfile(u.Id, u.UserName!, u.FirstName + " " + u.LastName)).ToListAsync(ct);
    }

    public Task<bool> NameInUseAsync(string name, CancellationToken ct = default)
    {
        var key = Infrastructure.Text.NameKey.Of(name);
        if (key.Length == 0) return Task.FromResult(false);
        // User names are made from names as addresses are (« genevieve-lavoie »); some older ones with dots.
        var slug = Infrastructure.Text.Slug.From(name).ToUpperInvariant();
        var dotted = key.Replace(' ', '.').ToUpperInvariant();
        return db.Users.AnyAsync(u => u.NameKey == key || u.NormalizedUserName == slug || u.NormalizedUserName == dotted, ct);
    }

    public sealed record Listed(string FirstName, string LastName, string UserName, string? Employer, int HomeSectionId, string? Territory);

    /// <summary>The members' directory (/membres): approved members of a section, or of the network.</summary>
    public async Task<IReadOnlyList<Listed>> ListAsync(int? sectionId, int take, CancellationToken ct) =>
        await Approved(sectionId).Select(u => new Listed(u.FirstName, u.LastName, u.UserName!, u.Employer, u.HomeSectionId, u.Territory)).Take(take).ToListAsync(ct);

    private IQueryable<PortalUser> Approved(int? sectionId) =>
        db.Users.Where(u => u.Status == MembershipStatus.Approved && (sectionId == null || u.HomeSectionId == sectionId));
}
