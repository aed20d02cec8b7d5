using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Privacy;

namespace RqiiacPortail.Web.Modules.Events;

/// <summary>
/// A member's registrations (made with their account, or with their address as a visitor), their answers and their
/// calendar feed's secret. When they leave, registrations to events still to come are cancelled (the seat goes to the
/// next in line), and every registration of theirs loses the name, address, employer and answers: organizers keep
/// the count of who came, not who it was.
/// </summary>
internal sealed class EventPersonalData(PortalDbContext db, Registrar registrar, TimeProvider clock) : IPersonalData
{
    public const string FormerRegistrant = "Personne retirée";

    public string Key => "evenements";

    public async Task<object?> ExportAsync(DataSubject subject, CancellationToken ct)
    {
        var email = subject.Email.ToLowerInvariant();
        var registrations = await (from r in Mine(subject.UserId, email).AsNoTracking()
                                   join e in db.Set<Event>().AcrossSections() on r.EventId equals e.Id
                                   orderby r.Id
                                   select new
                                   {
                                       evenement = e.Title, debut = e.StartsAt, nom = r.Name, courriel = r.Email, employeur = r.Employer,
                                       statut = r.Status.ToString(), inscrit = r.CreatedAt, annule = r.CancelledAt, present = r.PresentAt,
                                       reponses = db.Set<RegistrationAnswer>().Where(a => a.RegistrationId == r.Id)
                                           .Join(db.Set<RegistrationQuestion>(), a => a.QuestionId, q => q.Id, (a, q) => new { question = q.Label, reponse = a.Value }).ToList(),
                                   }).ToListAsync(ct);
        // The feed's address itself: it is the member's (Law 25's copy holds what is kept about them), and it says
        // what a stranger holding it could read.
        var key = await db.Set<CalendarKey>().AsNoTracking().Where(k => k.UserId == subject.UserId)
            .Select(k => new { adresse = "/evenements/calendrier/" + k.Secret + ".ics", creee = k.CreatedAt }).FirstOrDefaultAsync(ct);
        return new { inscriptions = registrations, calendrierPrive = key };
    }

    public async Task EraseAsync(DataSubject subject, ErasureChoices choices, CancellationToken ct)
    {
        var email = subject.Email.ToLowerInvariant();
        var now = clock.GetUtcNow();
        var coming = await (from r in Mine(subject.UserId, email)
                            join e in db.Set<Event>().AcrossSections() on r.EventId equals e.Id
                            where r.ActiveEmail != null && e.StartsAt > now
                            select r.Id).ToListAsync(ct);
        foreach (var id in coming)
            if (await db.Set<Registration>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is { } r && await registrar.EventAsync(r.EventId, ct) is { } e)
                await registrar.CancelAsync(e, r, ct);
        var ids = await Mine(subject.UserId, email).Select(r => r.Id).ToListAsync(ct);
        await db.Set<RegistrationAnswer>().Where(a => ids.Contains(a.RegistrationId)).ExecuteDeleteAsync(ct);
        await db.Set<Registration>().Where(r => ids.Contains(r.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.UserId, (string?)null).SetProperty(r => r.Name, FormerRegistrant).SetProperty(r => r.Email, "")
            .SetProperty(r => r.ActiveEmail, (string?)null).SetProperty(r => r.Employer, (string?)null), ct);
        await db.Set<CalendarKey>().Where(k => k.UserId == subject.UserId).ExecuteDeleteAsync(ct);
    }

    private IQueryable<Registration> Mine(string userId, string email) =>
        db.Set<Registration>().Where(r => r.UserId == userId || r.Email.ToLower() == email);
}
