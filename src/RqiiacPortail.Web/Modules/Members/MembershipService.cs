using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Mail;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Members;

public sealed record MembershipRequest(
    string FirstName, string LastName, string Email, string Password, string? Employer, int HomeSectionId, string? Territory);

/// <summary>
/// The membership life cycle: apply → confirm the address → the region's coordination approves or refuses.
/// Each step's e-mail is queued in the same transaction as the step itself.
/// </summary>
public sealed class MembershipService(
    UserManager<PortalUser> users,
    PortalDbContext db,
    IMailOutbox mail,
    MemberRoles roles,
    ISectionCatalog sections,
    TimeProvider clock)
{
    /// <param name="confirmUrl">Builds the confirmation link from the user id and token.</param>
    public async Task<IdentityResult> ApplyAsync(MembershipRequest request, Func<string, string, string> confirmUrl, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var user = new PortalUser
        {
            UserName = await UniqueUserNameAsync(request.FirstName, request.LastName),
            Email = request.Email,
            FirstName = request.FirstName,
            LastName = request.LastName,
            Employer = request.Employer,
            Territory = request.Territory,
            HomeSectionId = request.HomeSectionId,
            CreatedAt = now,
            PrivacyConsentAt = now,
        };
        var created = await users.CreateAsync(user, request.Password);
        if (!created.Succeeded) return created;

        db.Add(new MembershipApplication { UserId = user.Id, SectionId = request.HomeSectionId, SubmittedAt = now, Status = MembershipStatus.AwaitingEmail });
        var token = WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
        mail.Enqueue(new MailDraft(user.Email, user.DisplayName, "Confirmez votre adresse courriel",
            new MailBody("Confirmez votre adresse courriel")
                .Paragraph($"Bonjour {user.FirstName},")
                .Paragraph("Nous avons bien reçu votre demande d'adhésion au portail du RQIIAC. Pour la transmettre à la coordination de votre région, confirmez d'abord votre adresse courriel.")
                .Action("Confirmer mon adresse", confirmUrl(user.Id, token))
                .Paragraph("Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.")
                .Render()));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return created;
    }

    /// <returns>False when the link is invalid or expired.</returns>
    public async Task<bool> ConfirmEmailAsync(string userId, string encodedToken, Func<int, string> reviewUrl, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null) return false;
        if (user.EmailConfirmed) return true; // a second click on the same link is not an error

        string token;
        try { token = System.Text.Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(encodedToken)); }
        catch (FormatException) { return false; }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!(await users.ConfirmEmailAsync(user, token)).Succeeded) return false;

        user.Status = MembershipStatus.AwaitingApproval;
        var application = await db.Set<MembershipApplication>().AcrossSections()
            .Where(a => a.UserId == user.Id).OrderByDescending(a => a.Id).FirstAsync(ct);
        application.Status = MembershipStatus.AwaitingApproval;
        application.EmailConfirmedAt = clock.GetUtcNow();
        await users.UpdateAsync(user);

        // Tell the people who decide: the region's coordination, or the administrators when it has none.
        var section = await sections.FindAsync(application.SectionId, ct);
        var deciders = await roles.HoldersAsync(application.SectionId, Roles.Coordinator, ct);
        if (deciders.Count == 0) deciders = await roles.AdministratorsAsync(ct);
        var recipients = await db.Users.Where(u => deciders.Contains(u.Id)).Select(u => new { u.Email, u.FirstName, u.LastName }).ToListAsync(ct);
        foreach (var r in recipients)
        {
            mail.Enqueue(new MailDraft(r.Email!, $"{r.FirstName} {r.LastName}", $"Nouvelle demande d'adhésion : {user.DisplayName}",
                new MailBody("Nouvelle demande d'adhésion")
                    .Paragraph($"{user.DisplayName} ({user.Employer ?? "employeur non précisé"}) demande à devenir membre dans la région {section?.Name}.")
                    .Action("Examiner la demande", reviewUrl(application.Id))
                    .Render()));
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task ApproveAsync(MembershipApplication application, string deciderId, string signInUrl, CancellationToken ct)
    {
        var user = application.User!;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        Decide(application, deciderId, MembershipStatus.Approved, reason: null);
        user.Status = MembershipStatus.Approved;
        if (!await db.Set<SectionRole>().AnyAsync(r => r.UserId == user.Id && r.SectionId == application.SectionId && r.Role == Roles.Member, ct))
            db.Add(new SectionRole { UserId = user.Id, SectionId = application.SectionId, Role = Roles.Member, GrantedAt = clock.GetUtcNow() });

        var section = await sections.FindAsync(application.SectionId, ct);
        mail.Enqueue(new MailDraft(user.Email!, user.DisplayName, "Votre adhésion au RQIIAC est approuvée",
            new MailBody("Bienvenue dans la communauté de pratique")
                .Paragraph($"Bonjour {user.FirstName},")
                .Paragraph($"La coordination de la région {section?.Name} a approuvé votre adhésion. Vous pouvez maintenant vous connecter au portail.")
                .Action("Se connecter", signInUrl)
                .Render()));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        roles.Forget(user.Id);
    }

    public async Task RefuseAsync(MembershipApplication application, string deciderId, string reason, CancellationToken ct)
    {
        var user = application.User!;
        Decide(application, deciderId, MembershipStatus.Refused, reason);
        user.Status = MembershipStatus.Refused;
        mail.Enqueue(new MailDraft(user.Email!, user.DisplayName, "Votre demande d'adhésion au RQIIAC",
            new MailBody("Votre demande d'adhésion n'a pas été retenue")
                .Paragraph($"Bonjour {user.FirstName},")
                .Paragraph("La coordination de votre région n'a pas pu approuver votre demande, pour la raison suivante :")
                .Quote(reason)
                .Paragraph("Pour toute question, répondez à la coordination de votre région.")
                .Render()));
        await db.SaveChangesAsync(ct);
        roles.Forget(user.Id);
    }

    private void Decide(MembershipApplication application, string deciderId, MembershipStatus status, string? reason)
    {
        application.Status = status;
        application.DecidedById = deciderId;
        application.DecidedAt = clock.GetUtcNow();
        application.RefusalReason = reason;
    }

    private async Task<string> UniqueUserNameAsync(string firstName, string lastName)
    {
        var stem = Slug.From($"{firstName} {lastName}");
        if (stem.Length == 0) stem = "membre";
        stem = stem.Length > 40 ? stem[..40].TrimEnd('-') : stem;
        var candidate = stem;
        for (var n = 2; await users.FindByNameAsync(candidate) is not null; n++) candidate = $"{stem}-{n}";
        return candidate;
    }
}
