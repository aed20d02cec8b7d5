using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Privacy;
using RqiiacPortail.Web.Modules.Notifications.Contracts;

namespace RqiiacPortail.Web.Modules.Notifications;

/// <summary>A member's notifications, their preferences by kind and the hour of their digest.</summary>
internal sealed class NotificationPersonalData(PortalDbContext db, INotificationKinds kinds) : IPersonalData
{
    public string Key => "notifications";

    public async Task<object?> ExportAsync(DataSubject subject, CancellationToken ct)
    {
        var id = subject.UserId;
        var received = await db.Set<Notification>().AsNoTracking().Where(n => n.UserId == id).OrderBy(n => n.Id)
            .Select(n => new { n.Kind, n.Title, n.Link, n.Body, n.CreatedAt, n.ReadAt, n.EmailedAt }).ToListAsync(ct);
        var preferences = await db.Set<NotificationPreference>().AsNoTracking().Where(p => p.UserId == id)
            .Select(p => new { p.Kind, p.Delivery }).ToListAsync(ct);
        var digest = await db.Set<DigestSchedule>().AsNoTracking().FirstOrDefaultAsync(s => s.UserId == id, ct);
        return new
        {
            recues = received.Select(n => new
            {
                sorte = kinds.Find(n.Kind)?.Label ?? n.Kind, titre = n.Title, lien = n.Link, texte = n.Body,
                creee = n.CreatedAt, lue = n.ReadAt, envoyee_par_courriel = n.EmailedAt,
            }),
            preferences = preferences.Select(p => new { sorte = kinds.Find(p.Kind)?.Label ?? p.Kind, livraison = DeliveryLabel(p.Delivery) }),
            heure_du_resume = digest?.Hour,
        };
    }

    public async Task EraseAsync(DataSubject subject, ErasureChoices choices, CancellationToken ct)
    {
        var id = subject.UserId;
        await db.Set<Notification>().Where(n => n.UserId == id).ExecuteDeleteAsync(ct);
        await db.Set<NotificationPreference>().Where(p => p.UserId == id).ExecuteDeleteAsync(ct);
        await db.Set<DigestSchedule>().Where(s => s.UserId == id).ExecuteDeleteAsync(ct);
        await db.Set<DigestClaim>().Where(c => c.UserId == id).ExecuteDeleteAsync(ct);
    }

    private static string DeliveryLabel(Delivery delivery) =>
        Pages.PreferencesModel.Options.FirstOrDefault(o => o.Delivery == delivery).Label ?? delivery.ToString();
}
