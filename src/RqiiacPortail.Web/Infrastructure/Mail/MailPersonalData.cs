using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Privacy;

namespace RqiiacPortail.Web.Infrastructure.Mail;

/// <summary>The messages the portal wrote to the member, still in the outbox (kept <see cref="MailOptions.KeepSentFor"/>).</summary>
internal sealed class MailPersonalData(PortalDbContext db) : IPersonalData
{
    public string Key => "courriels";

    public async Task<object?> ExportAsync(DataSubject subject, CancellationToken ct)
    {
        var address = subject.Email.ToLowerInvariant();
        return await db.Set<OutboxMail>().AsNoTracking().Where(m => m.To.ToLower() == address).OrderBy(m => m.Id)
            .Select(m => new { objet = m.Subject, adresse = m.To, cree = m.CreatedAt, envoye = m.SentAt, etat = m.State.Label() })
            .ToListAsync(ct);
    }

    public async Task EraseAsync(DataSubject subject, ErasureChoices choices, CancellationToken ct)
    {
        var address = subject.Email.ToLowerInvariant();
        await db.Set<OutboxMail>().Where(m => m.To.ToLower() == address).ExecuteDeleteAsync(ct);
        await db.Set<MailAddressFailure>().Where(f => f.Address == address).ExecuteDeleteAsync(ct);
    }
}
