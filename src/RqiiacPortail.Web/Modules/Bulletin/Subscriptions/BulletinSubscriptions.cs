using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Mail;
using RqiiacPortail.Web.Infrastructure.Web;

namespace RqiiacPortail.Web.Modules.Bulletin.Subscriptions;

public enum ConfirmationOutcome
{
    Confirmed,
    Expired,
    Unknown,
}

/// <summary>A member's subscription as their preferences show it.</summary>
public sealed record MemberSubscription(bool Subscribed, DateTimeOffset? Since);

/// <summary>
/// Who receives the bulletin. The public subscribes with a double opt-in: a request writes a pending row and sends
/// the confirmation link, the only message an unconfirmed address ever gets; the link lasts seven days. What the
/// requester is told never depends on the address (subscribed already, pending or new: the same sentence), and an
/// address already confirmed gets nothing, so the form cannot be used to learn who reads the bulletin or to flood a
/// mailbox. Every change of state is a write conditional on the state it was read in.
/// </summary>
public sealed class BulletinSubscriptions(PortalDbContext db, IMailOutbox outbox, PublicUrls urls, TimeProvider clock)
{
    public static readonly TimeSpan ConfirmationLasts = TimeSpan.FromDays(7);

    /// <summary>A pending address asked again within this time gets no second link (one mailbox, one message per quarter-hour).</summary>
    public static readonly TimeSpan ResendAfter = TimeSpan.FromMinutes(15);

    public const string PublicForm = "Formulaire public « S'abonner au bulletin », confirmé par le lien reçu à l'adresse";
    public const string MemberPreferences = "Préférences de son compte de membre (adresse déjà confirmée)";

    /// <summary>Asks for the bulletin at <paramref name="email"/>: a confirmation link, unless nothing should be sent.</summary>
    public async Task RequestAsync(string email, string? fromAddress, CancellationToken ct)
    {
        var address = Normalize(email);
        var now = clock.GetUtcNow();
        await db.InsertIfMissingAsync(new BulletinSubscriber
        {
            Email = address, State = SubscriberState.Pending, UnsubscribeCode = NewSecret(), CreatedAt = now,
        }, ct);
        var subscriber = await db.Set<BulletinSubscriber>().AsNoTracking().FirstAsync(s => s.Email == address, ct);
        if (subscriber.State == SubscriberState.Confirmed) return;
        if (subscriber.State == SubscriberState.Pending && subscriber.ConfirmationSentAt > now - ResendAfter) return;

        var secret = NewSecret();
        await db.InTransactionAsync(async tx =>
        {
            // Two requests at once for one address: the one whose write lands sends the link.
            var seen = subscriber.ConfirmationSentAt;
            if (await db.Set<BulletinSubscriber>()
                    .Where(s => s.Id == subscriber.Id && s.State == subscriber.State && s.ConfirmationSentAt == seen)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(x => x.State, SubscriberState.Pending)
                        .SetProperty(x => x.ConfirmationHash, Hash(secret))
                        .SetProperty(x => x.ConfirmationSentAt, now), ct) == 0) return;
            db.Add(new BulletinConsent
            {
                SubscriberId = subscriber.Id, Basis = ConsentBasis.Express, How = PublicForm,
                FromAddress = fromAddress is null ? null : Infrastructure.Text.TextLimits.Clamp(fromAddress, BulletinConsent.FromLength),
                NoticeVersion = ConsentNotice.Version, AskedAt = now,
            });
            var link = urls.Absolute($"/bulletin/abonnement/confirmer?code={secret}");
            outbox.Enqueue(new MailDraft(address, null, "Confirmez votre abonnement au bulletin Inter Action Communautaire",
                new MailBody("Confirmez votre abonnement")
                    .Paragraph("Bonjour, cette adresse a été inscrite au bulletin de liaison « Inter Action Communautaire » du RQIIAC.")
                    .Paragraph("Pour recevoir le bulletin, confirmez votre abonnement d'ici sept jours. Sans confirmation, vous ne recevrez rien d'autre et votre adresse sera effacée.")
                    .Action("Confirmer mon abonnement", link)
                    .Paragraph("Si vous n'avez rien demandé, ignorez simplement ce message.")
                    .Render(), Lane: MailLane.Urgent));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }, ct);
    }

    /// <summary>The link of the confirmation message, followed: the address receives the bulletin from now on.</summary>
    public async Task<ConfirmationOutcome> ConfirmAsync(string? secret, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 100) return ConfirmationOutcome.Unknown;
        var hash = Hash(secret);
        var subscriber = await db.Set<BulletinSubscriber>().AsNoTracking()
            .FirstOrDefaultAsync(s => s.ConfirmationHash == hash && s.State == SubscriberState.Pending, ct);
        if (subscriber is null) return ConfirmationOutcome.Unknown;
        var now = clock.GetUtcNow();
        if (subscriber.ConfirmationSentAt + ConfirmationLasts < now) return ConfirmationOutcome.Expired;
        return await db.InTransactionAsync(async tx =>
        {
            if (await db.Set<BulletinSubscriber>().Where(s => s.Id == subscriber.Id && s.ConfirmationHash == hash && s.State == SubscriberState.Pending)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(x => x.State, SubscriberState.Confirmed)
                        .SetProperty(x => x.ConfirmedAt, now)
                        .SetProperty(x => x.UnsubscribedAt, (DateTimeOffset?)null)
                        .SetProperty(x => x.ConfirmationHash, (string?)null), ct) == 0) return ConfirmationOutcome.Unknown;
            // The request this link answered: the latest one not yet confirmed.
            var asked = await db.Set<BulletinConsent>().Where(c => c.SubscriberId == subscriber.Id && c.ConfirmedAt == null && c.WithdrawnAt == null)
                .OrderByDescending(c => c.Id).Select(c => c.Id).FirstOrDefaultAsync(ct);
            await db.Set<BulletinConsent>().Where(c => c.Id == asked).ExecuteUpdateAsync(s => s.SetProperty(c => c.ConfirmedAt, now), ct);
            await tx.CommitAsync(ct);
            return ConfirmationOutcome.Confirmed;
        }, ct);
    }

    /// <summary>
    /// The personal link of an issue (or its one-click POST): the address gets nothing more. Nothing is said of
    /// whether the code was known: a stranger's guesses learn nothing.
    /// </summary>
    public async Task UnsubscribeAsync(string? code, string how, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(code) || code.Length > BulletinSubscriber.CodeLength) return;
        var id = await db.Set<BulletinSubscriber>().Where(s => s.UnsubscribeCode == code).Select(s => (int?)s.Id).FirstOrDefaultAsync(ct);
        if (id is { } subscriber) await StopAsync(subscriber, how, ct);
    }

    /// <summary>Whether a personal unsubscribe code is one the portal gave (for the page's wording only after the fact).</summary>
    public Task<bool> IsKnownCodeAsync(string? code, CancellationToken ct) =>
        string.IsNullOrEmpty(code) ? Task.FromResult(false) : db.Set<BulletinSubscriber>().AnyAsync(s => s.UnsubscribeCode == code, ct);

    /// <summary>How many addresses an issue published now would go to.</summary>
    public Task<int> ConfirmedCountAsync(CancellationToken ct) => Receiving(db, clock.GetUtcNow()).CountAsync(ct);

    /// <summary>
    /// The addresses an issue goes to: confirmed, and whose consent has not run out — one that rests only on
    /// memberships ended more than two years ago (an implied consent past its end, CASL), with nothing else standing,
    /// gets nothing more until its owner subscribes again.
    /// </summary>
    public static IQueryable<BulletinSubscriber> Receiving(PortalDbContext db, DateTimeOffset now) =>
        db.Set<BulletinSubscriber>().Where(s => s.State == SubscriberState.Confirmed
            && !(db.Set<BulletinConsent>().Any(c => c.SubscriberId == s.Id && c.WithdrawnAt == null && c.Basis == ConsentBasis.ImpliedByMembership && c.EndsAt != null && c.EndsAt <= now)
                 && !db.Set<BulletinConsent>().Any(c => c.SubscriberId == s.Id && c.WithdrawnAt == null && (c.Basis == ConsentBasis.Express || c.EndsAt == null || c.EndsAt > now))));

    public async Task<MemberSubscription> OfMemberAsync(string userId, string email, CancellationToken ct)
    {
        var address = Normalize(email);
        var row = await db.Set<BulletinSubscriber>().AsNoTracking()
            .Where(s => (s.UserId == userId || s.Email == address) && s.State == SubscriberState.Confirmed)
            .Select(s => new { s.ConfirmedAt }).FirstOrDefaultAsync(ct);
        return new MemberSubscription(row is not null, row?.ConfirmedAt);
    }

    /// <summary>
    /// A member subscribes the address of their account from their preferences: it was confirmed when the account
    /// was, so no second link is needed. An express consent, recorded as such.
    /// </summary>
    public async Task SubscribeMemberAsync(string userId, string email, string? fromAddress, CancellationToken ct)
    {
        var address = Normalize(email);
        var now = clock.GetUtcNow();
        await db.InsertIfMissingAsync(new BulletinSubscriber
        {
            Email = address, UserId = userId, State = SubscriberState.Pending, UnsubscribeCode = NewSecret(), CreatedAt = now,
        }, ct);
        await db.InTransactionAsync(async tx =>
        {
            var id = await db.Set<BulletinSubscriber>().Where(s => s.Email == address).Select(s => s.Id).FirstAsync(ct);
            if (await db.Set<BulletinSubscriber>().Where(s => s.Id == id && s.State != SubscriberState.Confirmed).ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.State, SubscriberState.Confirmed)
                    .SetProperty(x => x.UserId, userId)
                    .SetProperty(x => x.ConfirmedAt, now)
                    .SetProperty(x => x.UnsubscribedAt, (DateTimeOffset?)null)
                    .SetProperty(x => x.ConfirmationHash, (string?)null), ct) == 0)
            {
                // Subscribed already (from the public form, say): the account now answers for it.
                await db.Set<BulletinSubscriber>().Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.UserId, userId), ct);
                await tx.CommitAsync(ct);
                return;
            }
            db.Add(new BulletinConsent
            {
                SubscriberId = id, Basis = ConsentBasis.Express, How = MemberPreferences, NoticeVersion = ConsentNotice.Version,
                FromAddress = fromAddress is null ? null : Infrastructure.Text.TextLimits.Clamp(fromAddress, BulletinConsent.FromLength),
                AskedAt = now, ConfirmedAt = now,
            });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }, ct);
    }

    public async Task StopMemberAsync(string userId, string email, CancellationToken ct)
    {
        var address = Normalize(email);
        foreach (var id in await db.Set<BulletinSubscriber>().Where(s => s.UserId == userId || s.Email == address).Select(s => s.Id).ToListAsync(ct))
            await StopAsync(id, MemberPreferences, ct);
    }

    /// <summary>Unsubscribes one row and ends its consents, in one transaction (withdrawing takes effect at once).</summary>
    private async Task StopAsync(int id, string how, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.InTransactionAsync(async tx =>
        {
            if (await db.Set<BulletinSubscriber>().Where(s => s.Id == id && s.State != SubscriberState.Unsubscribed).ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.State, SubscriberState.Unsubscribed)
                    .SetProperty(x => x.UnsubscribedAt, now)
                    .SetProperty(x => x.ConfirmationHash, (string?)null), ct) == 0) return;
            await db.Set<BulletinConsent>().Where(c => c.SubscriberId == id && c.WithdrawnAt == null).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.WithdrawnAt, now).SetProperty(c => c.WithdrawnHow, how), ct);
            await tx.CommitAsync(ct);
        }, ct);
    }

    /// <summary>
    /// Addresses that never confirmed are erased once their link expired (Law 25: kept no longer than needed); those
    /// that unsubscribed stay, for the ledger and the proof of the withdrawn consent.
    /// </summary>
    public async Task<int> ForgetUnconfirmedAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow() - ConfirmationLasts - TimeSpan.FromDays(1);
        var stale = db.Set<BulletinSubscriber>().Where(s => s.State == SubscriberState.Pending && s.ConfirmedAt == null
            && (s.ConfirmationSentAt == null || s.ConfirmationSentAt < before) && s.CreatedAt < before);
        return await db.InTransactionAsync(async tx =>
        {
            await db.Set<BulletinConsent>().Where(c => stale.Select(s => s.Id).Contains(c.SubscriberId)).ExecuteDeleteAsync(ct);
            var deleted = await stale.ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
            return deleted;
        }, ct);
    }

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    internal static string NewSecret() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));
}
