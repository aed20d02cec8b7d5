using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Infrastructure.Mail;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Notifications.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Members;

/// <summary>Links the "you already have an account" e-mail offers.</summary>
public sealed record ApplicationLinks(string SignIn, string ForgotPassword);

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
    Microsoft.Extensions.Options.IOptions<MembersOptions> options,
    INotifier notifier,
    Microsoft.AspNetCore.Authorization.IAuthorizationService authorization,
    TimeProvider clock)
{
    internal sealed record WaitingApplication(int Id, int SectionId, string FirstName, string LastName, string? Employer, DateTimeOffset SubmittedAt);

    /// <summary>
    /// The applications awaiting a decision that this person may decide. In a section the query filter keeps its
    /// own; nationally, read across the sections and keep those the person's roles cover.
    /// </summary>
    internal async Task<IReadOnlyList<WaitingApplication>> WaitingAsync(System.Security.Claims.ClaimsPrincipal user, bool national, CancellationToken ct)
    {
        var query = db.Set<MembershipApplication>().AsQueryable();
        if (national) query = query.AcrossSections();
        var pending = await query.Where(a => a.Status == MembershipStatus.AwaitingApproval)
            .OrderBy(a => a.SubmittedAt)
            .Select(a => new WaitingApplication(a.Id, a.SectionId, a.User!.FirstName, a.User.LastName, a.User.Employer, a.SubmittedAt))
            .ToListAsync(ct);
        var allowed = new List<WaitingApplication>();
        foreach (var a in pending)
            if (await authorization.CanAsync(user, MembersPermissions.ReviewApplications, a.SectionId)) allowed.Add(a);
        return allowed;
    }

    /// <summary>An application with its applicant, looked up across sections (the caller checks who may see it).</summary>
    public Task<MembershipApplication?> FindApplicationAsync(int id, CancellationToken ct) =>
        db.Set<MembershipApplication>().AcrossSections().Include(a => a.User).FirstOrDefaultAsync(a => a.Id == id, ct);

    /// <summary>
    /// Sends a password-reset link to a confirmed account; says nothing either way (the form must not tell who is
    /// a member). <paramref name="resetUrl"/> makes the link from the user's id and the encoded token.
    /// </summary>
    public async Task SendPasswordResetAsync(string email, Func<string, string, string> resetUrl, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is not { EmailConfirmed: true }) return;
        var token = WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        mail.Enqueue(new MailDraft(user.Email!, user.DisplayName, "Nouveau mot de passe pour le portail RQIIAC",
            new MailBody("Choisir un nouveau mot de passe")
                .Paragraph($"Bonjour {user.FirstName},")
                .Paragraph("Quelqu'un (vous, sans doute) a demandé à changer le mot de passe de votre compte. Le lien ci-dessous est valide une journée.")
                .Action("Choisir un nouveau mot de passe", resetUrl(user.Id, token))
                .Paragraph("Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste le même.")
                .Render(), Lane: MailLane.Urgent));
        await db.SaveChangesAsync(ct);
    }
    /// <summary>
    /// Takes an application. The answer is the same whatever the address (no one learns from this form whether
    /// someone has an account): a new address gets its confirmation link; an address whose account was never
    /// confirmed is taken back by whoever applies again (only its real owner can click the new link); an
    /// address with an account gets an e-mail saying so, with the sign-in and reset links.
    /// </summary>
    /// <param name="confirmUrl">Builds the confirmation link from the user id and token.</param>
    /// <returns>Failure only for what the applicant typed (a password too weak); never for the address.</returns>
    public async Task<IdentityResult> ApplyAsync(MembershipRequest request, Func<string, string, string> confirmUrl, ApplicationLinks links, CancellationToken ct)
    {
        var probe = new PortalUser { Email = request.Email, FirstName = request.FirstName, LastName = request.LastName };
        foreach (var validator in users.PasswordValidators)
            if (await validator.ValidateAsync(users, probe, request.Password) is { Succeeded: false } weak) return weak;

        for (var attempt = 0; ; attempt++)
        {
            var existing = await users.FindByEmailAsync(request.Email);
            if (existing is { EmailConfirmed: true })
            {
                // As long as creating an account takes: hashing the password is most of it.
                users.PasswordHasher.HashPassword(probe, request.Password);
                mail.Enqueue(new MailDraft(existing.Email!, existing.DisplayName, "Vous avez déjà un compte sur le portail RQIIAC",
                    new MailBody("Vous avez déjà un compte")
                        .Paragraph($"Bonjour {existing.FirstName},")
                        .Paragraph("Une demande d'adhésion vient d'être faite avec votre adresse courriel, qui a déjà un compte sur le portail du RQIIAC. Aucun nouveau compte n'a été créé.")
                        .Action("Se connecter", links.SignIn)
                        .Action("Choisir un nouveau mot de passe", links.ForgotPassword)
                        .Paragraph("Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre compte n'a pas changé.")
                        .Render(), Lane: MailLane.Urgent));
                await db.SaveChangesAsync(ct);
                return IdentityResult.Success;
            }

            try
            {
                return await db.InTransactionAsync(async tx =>
                {
                    // Never confirmed: whoever made it could not read this mailbox. The new application replaces it.
                    if (existing is not null) await users.DeleteAsync(existing);
                    var created = await CreateApplicantAsync(request, confirmUrl, suffix: attempt == 0 ? null : Guid.NewGuid().ToString("N")[..4], ct);
                    if (created.Succeeded) await tx.CommitAsync(ct);
                    return created;
                }, ct);
            }
            catch (DbUpdateException)
            {
                // Another application took the address (or the user name) between our read and our insert: the
                // unique indexes said no (the transaction rolled back). Read again: the address now has an
                // account, or the name needs a suffix.
                db.ChangeTracker.Clear();
                if (attempt == 2) return IdentityResult.Success;
            }
        }
    }

    private async Task<IdentityResult> CreateApplicantAsync(MembershipRequest request, Func<string, string, string> confirmUrl, string? suffix, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var user = new PortalUser
        {
            UserName = await UniqueUserNameAsync(request.FirstName, request.LastName, suffix),
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
        if (!created.Succeeded)
        {
            // A concurrent twin inserted first and Identity's own check saw it: the same as the index saying no.
            if (created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
                throw new DbUpdateException("Duplicate address or user name.");
            return created;
        }

        db.Add(new MembershipApplication { UserId = user.Id, SectionId = request.HomeSectionId, SubmittedAt = now, Status = MembershipStatus.AwaitingEmail });
        await QueueConfirmationAsync(user, confirmUrl);
        await db.SaveChangesAsync(ct);
        return created;
    }

    private async Task QueueConfirmationAsync(PortalUser user, Func<string, string, string> confirmUrl)
    {
        var token = WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
        mail.Enqueue(new MailDraft(user.Email!, user.DisplayName, "Confirmez votre adresse courriel",
            new MailBody("Confirmez votre adresse courriel")
                .Paragraph($"Bonjour {user.FirstName},")
                .Paragraph("Nous avons bien reçu votre demande d'adhésion au portail du RQIIAC. Pour la transmettre à la coordination de votre région, confirmez d'abord votre adresse courriel.")
                .Action("Confirmer mon adresse", confirmUrl(user.Id, token))
                .Paragraph($"Ce lien reste valable {UnconfirmedDays} jours. Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.")
                .Render(), Lane: MailLane.Urgent));
    }

    /// <summary>Days an application waits for its address to be confirmed before it is deleted.</summary>
    public int UnconfirmedDays => (int)Math.Ceiling(options.Value.KeepUnconfirmedFor.TotalDays);

    /// <summary>Sends the confirmation link again to an address still waiting for it; says nothing either way.</summary>
    public async Task ResendConfirmationAsync(string email, Func<string, string, string> confirmUrl, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null || user.EmailConfirmed || user.Status != MembershipStatus.AwaitingEmail) return;
        await QueueConfirmationAsync(user, confirmUrl);
        await db.SaveChangesAsync(ct);
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

        return await db.InTransactionAsync(async tx =>
        {
            if (!(await users.ConfirmEmailAsync(user, token)).Succeeded) return false;
            // The address works again: bulk mail to it resumes if refusals had stopped it.
            await db.ConfirmedAsync(user.Email!, ct);

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
            // In their notifications too, with the same commit: the administration home counts what still waits.
            await notifier.NotifyAsync(new Notice(MembersModule.ApplicationToReviewKind.Key, deciders, $"Nouvelle demande d'adhésion : {user.DisplayName}",
                $"{section?.PathPrefix}/admin/demandes/{application.Id}"), ct);
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
        }, ct);
    }

    /// <returns>False when someone else decided this application first (nothing is changed or sent).</returns>
    public async Task<bool> ApproveAsync(MembershipApplication application, string deciderId, string signInUrl, CancellationToken ct)
    {
        var user = application.User!;
        return await db.InTransactionAsync(async tx =>
        {
            if (!await DecideAsync(application, deciderId, MembershipStatus.Approved, reason: null, ct)) return false;
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
            return true;
        }, ct);
    }

    /// <returns>False when someone else decided this application first (nothing is changed or sent).</returns>
    public async Task<bool> RefuseAsync(MembershipApplication application, string deciderId, string reason, CancellationToken ct)
    {
        var user = application.User!;
        return await db.InTransactionAsync(async tx =>
        {
            if (!await DecideAsync(application, deciderId, MembershipStatus.Refused, reason, ct)) return false;
            user.Status = MembershipStatus.Refused;
            mail.Enqueue(new MailDraft(user.Email!, user.DisplayName, "Votre demande d'adhésion au RQIIAC",
                new MailBody("Votre demande d'adhésion n'a pas été retenue")
                    .Paragraph($"Bonjour {user.FirstName},")
                    .Paragraph("La coordination de votre région n'a pas pu approuver votre demande, pour la raison suivante :")
                    .Quote(reason)
                    .Paragraph("Pour toute question, répondez à la coordination de votre région.")
                    .Render()));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            roles.Forget(user.Id);
            return true;
        }, ct);
    }

    /// <summary>
    /// One atomic change from « awaiting » to the decision: of two coordinators deciding at once, one changes the
    /// row and goes on, the other changes nothing and is told the application was already decided.
    /// </summary>
    private async Task<bool> DecideAsync(MembershipApplication application, string deciderId, MembershipStatus status, string? reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var changed = await db.Set<MembershipApplication>().AcrossSections()
            .Where(a => a.Id == application.Id && a.Status == MembershipStatus.AwaitingApproval)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, status).SetProperty(a => a.DecidedById, deciderId)
                .SetProperty(a => a.DecidedAt, now).SetProperty(a => a.RefusalReason, reason), ct);
        if (changed == 0) return false;
        // The tracked copy follows the database without being written again.
        await db.Entry(application).ReloadAsync(ct);
        return true;
    }

    private async Task<string> UniqueUserNameAsync(string firstName, string lastName, string? suffix = null)
    {
        var stem = Slug.From($"{firstName} {lastName}");
        if (stem.Length == 0) stem = "membre";
        stem = stem.Length > 40 ? stem[..40].TrimEnd('-') : stem;
        if (suffix is not null) stem = $"{stem}-{suffix}";
        var candidate = stem;
        for (var n = 2; await users.FindByNameAsync(candidate) is not null; n++) candidate = $"{stem}-{n}";
        return candidate;
    }
}
