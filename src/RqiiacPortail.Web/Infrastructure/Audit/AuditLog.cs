using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Privacy;
using RqiiacPortail.Web.Infrastructure.Text;

namespace RqiiacPortail.Web.Infrastructure.Audit;

/// <summary>What a module says of an action it must answer for.</summary>
public sealed record AuditRecord(string Area, string Action, string Summary, string? Reason = null, int? SectionId = null,
    string? SubjectUserId = null, string? Link = null);

/// <summary>Writes the audit log in the caller's unit of work: the entry commits with the action or not at all.</summary>
public sealed class AuditLog(PortalDbContext db, TimeProvider clock)
{
    public void Write(ClaimsPrincipal actor, AuditRecord record) =>
        db.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            ActorId = actor.FindFirstValue(ClaimTypes.NameIdentifier),
            ActorName = TextLimits.Clamp(actor.FindFirstValue("display_name") ?? actor.Identity?.Name ?? "?", Text.PersonName.MaxLength),
            Area = record.Area, Action = record.Action, Summary = TextLimits.Clamp(record.Summary, 500),
            Reason = record.Reason is null ? null : TextLimits.Clamp(record.Reason, 500),
            SectionId = record.SectionId, SubjectUserId = record.SubjectUserId, Link = record.Link,
        });

    public sealed record Page(IReadOnlyList<AuditEntry> Entries, int Total);

    /// <summary>Newest first, optionally one area's.</summary>
    public async Task<Page> ReadAsync(string? area, int page, int size, CancellationToken ct)
    {
        var query = db.Set<AuditEntry>().AsNoTracking().Where(e => area == null || e.Area == area);
        var total = await query.CountAsync(ct);
        var entries = await query.OrderByDescending(e => e.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new Page(entries, total);
    }
}

/// <summary>
/// The actions a member took (as a moderator) or that were taken about them are in their copy; when they leave,
/// the entries stay (the log must still say what happened) but lose the link to them.
/// </summary>
internal sealed class AuditPersonalData(PortalDbContext db) : IPersonalData
{
    public const string FormerMember = "Membre retiré·e";

    public string Key => "journal";

    public async Task<object?> ExportAsync(DataSubject subject, CancellationToken ct) =>
        await db.Set<AuditEntry>().AsNoTracking().Where(e => e.ActorId == subject.UserId || e.SubjectUserId == subject.UserId)
            .OrderBy(e => e.Id)
            .Select(e => new { quand = e.At, action = e.Summary, motif = e.Reason, parVous = e.ActorId == subject.UserId })
            .ToListAsync(ct);

    public async Task EraseAsync(DataSubject subject, ErasureChoices choices, CancellationToken ct)
    {
        await db.Set<AuditEntry>().Where(e => e.ActorId == subject.UserId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ActorId, (string?)null).SetProperty(e => e.ActorName, FormerMember), ct);
        await db.Set<AuditEntry>().Where(e => e.SubjectUserId == subject.UserId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.SubjectUserId, (string?)null), ct);
    }
}

public static class AuditPermissions
{
    /// <summary>Read the audit log: administrators only (who hold every permission).</summary>
    public static readonly Security.Permission Read = new("audit.read", "Lire le journal des actions de modération", [], []);
}

public static class AuditRegistration
{
    public static IHostApplicationBuilder AddAudit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddPersonalData<AuditPersonalData>();
        return builder;
    }
}
