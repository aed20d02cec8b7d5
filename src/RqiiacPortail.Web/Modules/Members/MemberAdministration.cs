using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Infrastructure.Privacy;
using RqiiacPortail.Web.Infrastructure.Rules;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Members;

/// <summary>
/// What an administrator or a section's coordination may do to one member's account, and the rules that decide it:
/// section roles only in the sections one manages (in the national section, moderation only, by administrators), national roles and closing an account
/// for administrators only, never one's own administration role or account from here (a slip of the mouse must not
/// leave the site with nobody to administer it). The page shows; this decides, then <see cref="RoleGrants"/> and
/// <see cref="MemberPrivacy"/> do.
/// </summary>
public sealed class MemberAdministration(UserManager<PortalUser> users, RoleGrants grants, RoleScope scope, ISectionCatalog catalog, MemberPrivacy privacy)
{
    /// <summary>One member's account as the person managing it sees it.</summary>
    public sealed record MemberCase(PortalUser Member, string ActorId, RoleScope Scope, IReadOnlyList<SectionRole> SectionGrants,
        IReadOnlyList<string> NationalRoles, IReadOnlyList<SectionInfo> Sections)
    {
        /// <summary>
        /// The sections where this person may give a role (the page's list): the national one for administrators,
        /// whose moderators work the national categories' queue (« Éthique et dilemmes », the network's flags).
        /// </summary>
        public IEnumerable<SectionInfo> GrantableSections => Sections.Where(s => s.IsNational ? Scope.IsNational : Scope.Covers(s.Id));

        public bool IsSelf => ActorId == Member.Id;
    }

    public enum Opening { Opened, NotFound, Forbidden }

    /// <summary>The member's case, if <paramref name="actor"/> manages roles somewhere and reaches this member.</summary>
    public async Task<(Opening, MemberCase?)> OpenAsync(ClaimsPrincipal actor, string memberId, CancellationToken ct)
    {
        if (!(await scope.ForAsync(actor, ct)).Any) return (Opening.Forbidden, null);
        var member = await users.FindByIdAsync(memberId);
        if (member is null) return (Opening.NotFound, null);
        // A coordinator reaches the people of their sections only, never someone else's address in another region.
        if (!scope.IsNational && !await scope.Members().AnyAsync(u => u.Id == memberId, ct)) return (Opening.Forbidden, null);
        return (Opening.Opened, new MemberCase(member, actor.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", scope,
            await grants.InSectionsAsync(memberId, ct), (await users.GetRolesAsync(member)).ToList(), await catalog.GetAllAsync(ct)));
    }

    public async Task<Decision> GrantAsync(MemberCase c, int sectionId, string role, CancellationToken ct)
    {
        var refusals = new List<Refusal>();
        if (!c.GrantableSections.Any(s => s.Id == sectionId)) refusals.Add(new("SectionId", "Choisissez une section de la liste."));
        if (!Roles.SectionRoles.Contains(role)) refusals.Add(new("Role", "Choisissez un rôle de la liste."));
        else if (c.Sections.FirstOrDefault(s => s.Id == sectionId) is { IsNational: true } && role != Roles.Moderator)
            refusals.Add(new("Role", "Dans la section nationale, seul le rôle de modération s'attribue : les rôles nationaux sont plus bas."));
        if (refusals.Count > 0) return Decision.Refuse(refusals);
        await grants.GrantAsync(c.Member, sectionId, role, ct);
        return Decision.Done;
    }

    /// <returns>Null when the member holds no such role (gone meanwhile, or another member's).</returns>
    public async Task<Decision?> WithdrawAsync(MemberCase c, int grantId, CancellationToken ct)
    {
        if (c.SectionGrants.FirstOrDefault(g => g.Id == grantId) is not { } grant) return null;
        if (!c.Scope.Covers(grant.SectionId)) return Decision.NotYours;
        await grants.WithdrawAsync(c.Member, grant, ct);
        return Decision.Done;
    }

    public async Task<Decision> SetNationalAsync(MemberCase c, IReadOnlyCollection<string> wanted, CancellationToken ct)
    {
        if (!c.Scope.IsNational) return Decision.NotYours;
        if (wanted.Any(r => !Roles.NationalRoles.Contains(r))) return Decision.Refuse("", "Rôle national inconnu.");
        if (c.IsSelf && !wanted.Contains(Roles.Administrator))
            return Decision.Refuse("", "Vous ne pouvez pas retirer votre propre rôle d'administration.");
        await grants.SetNationalAsync(c.Member, wanted, ct);
        return Decision.Done;
    }

    /// <summary>Closes the account on the member's request (Law 25), its address typed again to rule out a slip.</summary>
    public async Task<Decision> CloseAsync(MemberCase c, string? confirmEmail, ErasureChoices choices, CancellationToken ct)
    {
        if (!c.Scope.IsNational) return Decision.NotYours;
        const string field = "ConfirmEmail";
        if (c.IsSelf) return Decision.Refuse(field, "Pour supprimer votre propre compte, passez par « Mon compte ».");
        if (!string.Equals(confirmEmail?.Trim(), c.Member.Email, StringComparison.OrdinalIgnoreCase))
            return Decision.Refuse(field, "Recopiez l'adresse courriel du compte pour confirmer la suppression.");
        if (await privacy.IsLastAdministratorAsync(c.Member))
            return Decision.Refuse(field, "C'est la seule personne à administrer le portail : confiez d'abord ce rôle à quelqu'un d'autre.");
        var closed = await privacy.CloseAccountAsync(c.Member, choices, ct);
        return closed.Succeeded ? Decision.Done : Decision.Refuse(closed.Errors.Select(e => Refusal.OfForm(e.Description)).ToList());
    }
}
