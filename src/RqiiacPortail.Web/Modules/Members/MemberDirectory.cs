using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.Web.Modules.Members;

internal sealed class MemberDirectory(PortalDbContext db) : IMemberDirectory
{
    public async Task<IReadOnlyList<MemberContact>> ContactsAsync(IReadOnlyCollection<string> userIds, CancellationToken ct = default) =>
        await db.Users.Where(u => userIds.Contains(u.Id) && u.Email != null)
            .Select(u => new MemberContact(u.Id, u.Email!, u.FirstName + " " + u.LastName, u.FirstName, u.HomeSectionId))
            .ToListAsync(ct);

    public async Task<IReadOnlyList<string>> MembersOfSectionAsync(int sectionId, CancellationToken ct = default) =>
        await db.Users.Where(u => u.HomeSectionId == sectionId && u.Status == MembershipStatus.Approved).Select(u => u.Id).ToListAsync(ct);

    public async Task<IReadOnlyList<string>> AllMembersAsync(CancellationToken ct = default) =>
        await db.Users.Where(u => u.Status == MembershipStatus.Approved).Select(u => u.Id).ToListAsync(ct);
}
