using Microsoft.AspNetCore.Identity;
using RqiiacPortail.Web.Infrastructure.Caching;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Notifications.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Members;

/// <summary>
/// Grants and withdraws roles, each change with the member's notification in one unit of work: either the role
/// and its notice are both saved, or neither. Who may do it is the page's question (<see cref="RoleScope"/>).
/// </summary>
public sealed class RoleGrants(PortalDbContext db, UserManager<PortalUser> users, RoleManager<IdentityRole> roleManager, MemberRoles roles,
    ISectionCatalog catalog, INotifier notifier, TimeProvider clock, GenerationInterceptor generations, Infrastructure.Web.ILiveAccess live)
{
    /// <summary>The roles the member holds in sections, by section then role.</summary>
    public async Task<IReadOnlyList<SectionRole>> InSectionsAsync(string userId, CancellationToken ct) =>
        await db.Set<SectionRole>().Where(r => r.UserId == userId).OrderBy(r => r.SectionId).ThenBy(r => r.Role).ToListAsync(ct);

    /// <returns>False when the member held that role there already (nothing changes).</returns>
    public async Task<bool> GrantAsync(PortalUser member, int sectionId, string role, CancellationToken ct)
    {
        if (!Roles.SectionRoles.Contains(role)) throw new ArgumentException($"Unknown section role {role}.", nameof(role));
        var section = await catalog.FindAsync(sectionId, ct) ?? throw new ArgumentException($"Unknown section {sectionId}.", nameof(sectionId));
        try
        {
            return await db.InTransactionAsync(async tx =>
            {
                if (await db.Set<SectionRole>().AnyAsync(r => r.UserId == member.Id && r.SectionId == sectionId && r.Role == role, ct)) return false;
                db.Add(new SectionRole { UserId = member.Id, SectionId = sectionId, Role = role, GrantedAt = clock.GetUtcNow() });
                await TellAsync(member, $"Vous avez maintenant le rôle « {Roles.Label(role)} » dans la section {section.Name}.", section.PathPrefix, ct);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return true;
            }, ct);
        }
        catch (DbUpdateException)
        {
            // Granted at the same moment by someone else: the unique index kept one row, which is what was asked.
            db.ChangeTracker.Clear();
            if (await db.Set<SectionRole>().AnyAsync(r => r.UserId == member.Id && r.SectionId == sectionId && r.Role == role, ct)) return false;
            throw;
        }
        finally
        {
            roles.Forget(member.Id);
        }
    }

    public async Task WithdrawAsync(PortalUser member, SectionRole grant, CancellationToken ct)
    {
        var section = await catalog.FindAsync(grant.SectionId, ct);
        await db.InTransactionAsync(async tx =>
        {
            // A delete the change tracker does not see: the grants kept in memory are made again after the commit.
            generations.Touch(db, MemberRoles.Area);
            // Gone already (withdrawn by someone else meanwhile): nothing to tell.
            if (await db.Set<SectionRole>().Where(r => r.Id == grant.Id).ExecuteDeleteAsync(ct) == 0) return;
            await TellAsync(member, $"Le rôle « {Roles.Label(grant.Role)} » dans la section {section?.Name} vous a été retiré.", section?.PathPrefix, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }, ct);
        roles.Forget(member.Id);
        // What they followed live is checked again under their remaining roles.
        await live.MemberChangedAsync(member.Id, ct);
    }

    /// <summary>Makes the member's national roles exactly <paramref name="wanted"/>, telling them of each change.</summary>
    public async Task SetNationalAsync(PortalUser member, IReadOnlyCollection<string> wanted, CancellationToken ct)
    {
        if (wanted.Any(r => !Roles.NationalRoles.Contains(r))) throw new ArgumentException("Unknown national role.", nameof(wanted));
        await db.InTransactionAsync(async tx =>
        {
            // Identity's stores save as they go: inside this transaction, that is still one commit at the end.
            var held = await users.GetRolesAsync(member);
            foreach (var role in Roles.NationalRoles)
            {
                if (wanted.Contains(role) && !held.Contains(role))
                {
                    if (!await roleManager.RoleExistsAsync(role)) Check(await roleManager.CreateAsync(new IdentityRole(role)));
                    Check(await users.AddToRoleAsync(member, role));
                    await TellAsync(member, $"Vous avez maintenant le rôle national « {Roles.Label(role)} ».", null, ct);
                }
                if (!wanted.Contains(role) && held.Contains(role))
                {
                    Check(await users.RemoveFromRoleAsync(member, role));
                    await TellAsync(member, $"Le rôle national « {Roles.Label(role)} » vous a été retiré.", null, ct);
                }
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }, ct);
        roles.Forget(member.Id);
        await live.MemberChangedAsync(member.Id, ct);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    private Task TellAsync(PortalUser member, string title, string? sectionPrefix, CancellationToken ct) =>
        notifier.NotifyAsync(new Notice(MembersModule.MembershipKind.Key, [member.Id], title, (sectionPrefix ?? "") + "/"), ct);
}
