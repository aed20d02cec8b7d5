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

    /// <summary>What a reader of the log asks for.</summary>
    /// <param name="Sections">The sections the reader may read (null: all, the entries of no section included).</param>
    /// <param name="Action">« area:action » (<c>forum:refuser</c>).</param>
    /// <param name="Actor">An actor's id, or <see cref="FormerActor"/> for those who left.</param>
    /// <param name="From">The first day, in Québec.</param>
    /// <param name="To">The last day, in Québec (included).</param>
    public sealed record Query(IReadOnlyCollection<int>? Sections, int? Section = null, string? Action = null, string? Actor = null,
        DateOnly? From = null, DateOnly? To = null);

    public const string FormerActor = "ancien";

    /// <summary>Newest first.</summary>
    public async Task<Page> ReadAsync(Query q, int page, int size, CancellationToken ct)
    {
        var query = Scoped(q.Sections);
        if (q.Section is { } section) query = query.Where(e => e.SectionId == section);
        if (q.Action?.Split(':') is [var area, var action]) query = query.Where(e => e.Area == area && e.Action == action);
        if (q.Actor == FormerActor) query = query.Where(e => e.ActorId == null);
        else if (q.Actor is { Length: > 0 } actor) query = query.Where(e => e.ActorId == actor);
        if (q.From is { } from) { var start = StartOf(from); query = query.Where(e => e.At >= start); }
        if (q.To is { } to) { var end = StartOf(to.AddDays(1)); query = query.Where(e => e.At < end); }
        var total = await query.CountAsync(ct);
        var entries = await query.OrderByDescending(e => e.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new Page(entries, total);
    }

    /// <summary>The actions and the people found in what the reader may read, for the filters' lists.</summary>
    public async Task<(IReadOnlyList<(string Area, string Action)> Actions, IReadOnlyList<(string? Id, string Name)> Actors)> ChoicesAsync(
        IReadOnlyCollection<int>? sections, CancellationToken ct)
    {
        var query = Scoped(sections);
        var actions = await query.Select(e => new { e.Area, e.Action }).Distinct().Take(200).ToListAsync(ct);
        // The name most recently written for each actor (a rename shows once).
        var latest = await query.GroupBy(e => e.ActorId).Select(g => g.Max(e => e.Id)).Take(500).ToListAsync(ct);
        var actors = await db.Set<AuditEntry>().AsNoTracking().Where(e => latest.Contains(e.Id)).Select(e => new { Id = e.ActorId, Name = e.ActorName }).ToListAsync(ct);
        return (actions.Select(a => (a.Area, a.Action)).ToList(),
            actors.Select(a => (a.Id, a.Id is null ? AuditPersonalData.FormerMember : a.Name)).OrderBy(a => a.Item2, FrenchText.Comparer).ToList());
    }

    private IQueryable<AuditEntry> Scoped(IReadOnlyCollection<int>? sections)
    {
        var query = db.Set<AuditEntry>().AsNoTracking();
        if (sections is null) return query;
        var ids = sections.ToList();
        return query.Where(e => e.SectionId != null && ids.Contains(e.SectionId.Value));
    }

    private static DateTimeOffset StartOf(DateOnly day) => FrenchText.StartOfDay(day);
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

/// <summary>What an action key reads as in the journal's filter (« Message refusé »), declared by the module that writes it.</summary>
public sealed record AuditAction(string Area, string Action, string Label);

public static class AuditPermissions
{
    /// <summary>Read the whole audit log: administrators only (who hold every permission).</summary>
    public static readonly Security.Permission Read = new("audit.read", "Lire le journal des actions de modération", [], []);

    /// <summary>Read a section's entries: those who moderate it (its moderators and coordination).</summary>
    public static readonly Security.Permission ReadSection = new("audit.read.section", "Lire le journal de la section que l'on modère",
        [Modules.Members.Contracts.Roles.Moderator, Modules.Members.Contracts.Roles.Coordinator], []);
}

public static class AuditRegistration
{
    public static IHostApplicationBuilder AddAudit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddPersonalData<AuditPersonalData>();
        return builder;
    }

    public static IServiceCollection AddAuditActions(this IServiceCollection services, string area, params (string Action, string Label)[] actions)
    {
        foreach (var (action, label) in actions) services.AddSingleton(new AuditAction(area, action, label));
        return services;
    }
}
