using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Privacy;

namespace RqiiacPortail.Web.Modules.Bulletin.Subscriptions;

/// <summary>
/// A member's subscription to the bulletin: the address, each consent's proof (how, when, from where, which notice,
/// on what basis, withdrawn when), and the issues sent to it. All of it ends with the account.
/// </summary>
internal sealed class BulletinPersonalData(PortalDbContext db) : IPersonalData
{
    public string Key => "bulletin";

    public async Task<object?> ExportAsync(DataSubject subject, CancellationToken ct)
    {
        var rows = await Mine(subject).AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct);
        if (rows.Count == 0) return null;
        var ids = rows.Select(s => s.Id).ToList();
        var consents = await db.Set<BulletinConsent>().AsNoTracking().Where(c => ids.Contains(c.SubscriberId)).OrderBy(c => c.Id).ToListAsync(ct);
        var addresses = rows.Select(s => s.Email).ToList();
        var received = await db.Set<Sending.BulletinDelivery>().AsNoTracking().Where(d => addresses.Contains(d.Email))
            .Join(db.Set<BulletinIssue>(), d => d.IssueId, i => i.Id, (d, i) => new { d.Email, numero = i.Number, titre = i.Title, envoye = d.CreatedAt })
            .OrderBy(d => d.numero).ToListAsync(ct);
        return rows.Select(s => new
        {
            courriel = s.Email,
            etat = s.State switch { SubscriberState.Confirmed => "abonné", SubscriberState.Pending => "en attente de confirmation", _ => "désabonné" },
            confirme = s.ConfirmedAt,
            desabonne = s.UnsubscribedAt,
            consentements = consents.Where(c => c.SubscriberId == s.Id).Select(c => new
            {
                fondement = c.Basis == ConsentBasis.Express ? "exprès" : "tacite (adhésion)",
                comment = c.How, depuis = c.FromAddress, avis = c.NoticeVersion, demande = c.AskedAt, confirme = c.ConfirmedAt,
                finTacite = c.EndsAt, retire = c.WithdrawnAt, retraitComment = c.WithdrawnHow,
            }).ToList(),
            numerosEnvoyes = received.Where(r => r.Email == s.Email).Select(r => new { r.numero, r.titre, r.envoye }).ToList(),
        }).ToList();
    }

    public async Task EraseAsync(DataSubject subject, ErasureChoices choices, CancellationToken ct)
    {
        var ids = await Mine(subject).Select(s => s.Id).ToListAsync(ct);
        var addresses = await Mine(subject).Select(s => s.Email).ToListAsync(ct);
        // The ledger of past issues keeps its counts' meaning without the address: its rows go with it.
        await db.Set<Sending.BulletinDelivery>().Where(d => addresses.Contains(d.Email)).ExecuteDeleteAsync(ct);
        await db.Set<BulletinConsent>().Where(c => ids.Contains(c.SubscriberId)).ExecuteDeleteAsync(ct);
        await db.Set<BulletinSubscriber>().Where(s => ids.Contains(s.Id)).ExecuteDeleteAsync(ct);
    }

    private IQueryable<BulletinSubscriber> Mine(DataSubject subject)
    {
        var email = BulletinSubscriptions.Normalize(subject.Email);
        return db.Set<BulletinSubscriber>().Where(s => s.UserId == subject.UserId || s.Email == email);
    }
}
