using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Privacy;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Members;

/// <summary>
/// The account itself, its membership applications and its roles. The account's deletion takes applications and
/// roles with it (cascades); what remains is the trace of decisions this member made on other people's applications.
/// </summary>
internal sealed class MemberPersonalData(PortalDbContext db, UserManager<PortalUser> users, ISectionCatalog sections) : IPersonalData
{
    public string Key => "compte";

    public async Task<object?> ExportAsync(DataSubject subject, CancellationToken ct)
    {
        var user = await db.Set<PortalUser>().AsNoTracking().FirstAsync(u => u.Id == subject.UserId, ct);
        var applications = await db.Set<MembershipApplication>().AcrossSections().AsNoTracking()
            .Where(a => a.UserId == subject.UserId).OrderBy(a => a.Id).ToListAsync(ct);
        var sectionRoles = await db.Set<SectionRole>().AsNoTracking().Where(r => r.UserId == subject.UserId).ToListAsync(ct);
        var names = (await sections.GetAllAsync(ct)).ToDictionary(s => s.Id, s => s.Name);
        var signIns = await db.Set<MemberSession>().AsNoTracking().Where(s => s.UserId == subject.UserId).OrderBy(s => s.CreatedAt)
            .Select(s => new { ouverte = s.CreatedAt, fermee = s.EndedAt }).ToListAsync(ct);
        return new
        {
            prenom = user.FirstName, nom = user.LastName, courriel = user.Email, employeur = user.Employer, territoire = user.Territory,
            region = names.GetValueOrDefault(user.HomeSectionId), cree = user.CreatedAt, consentement = user.PrivacyConsentAt,
            courriel_confirme = user.EmailConfirmed, statut = StatusLabel(user.Status),
            demandes = applications.Select(a => new
            {
                region = names.GetValueOrDefault(a.SectionId), soumise = a.SubmittedAt, courriel_confirme = a.EmailConfirmedAt,
                statut = StatusLabel(a.Status), decidee = a.DecidedAt, motif_du_refus = a.RefusalReason,
            }),
            roles = sectionRoles.Select(r => $"{Roles.Label(r.Role)} — {names.GetValueOrDefault(r.SectionId)}")
                .Concat((await users.GetRolesAsync(user)).Select(Roles.Label)).ToList(),
            sessions = signIns,
        };
    }

    public async Task EraseAsync(DataSubject subject, ErasureChoices choices, CancellationToken ct) =>
        await db.Set<MembershipApplication>().AcrossSections().Where(a => a.DecidedById == subject.UserId)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.DecidedById, (string?)null), ct);

    private static string StatusLabel(MembershipStatus status) => status switch
    {
        MembershipStatus.AwaitingEmail => "adresse à confirmer",
        MembershipStatus.AwaitingApproval => "en attente d'approbation",
        MembershipStatus.Approved => "approuvée",
        _ => "refusée",
    };
}
