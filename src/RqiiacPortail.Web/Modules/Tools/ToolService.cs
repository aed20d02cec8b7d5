using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Files;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Notifications.Contracts;
using RqiiacPortail.Web.Modules.Search.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Tools;

/// <summary>
/// A tool's life: saved as a draft with its files, checked for personal information, published (indexed and
/// announced to the section's members) once nothing is found or the author confirmed, withdrawn at will.
/// </summary>
public sealed class ToolService(
    PortalDbContext db,
    IFileStore files,
    IIndexQueue index,
    INotifier notifier,
    IMemberDirectory members,
    ISectionLookup sections,
    IOptions<ToolsOptions> options,
    TimeProvider clock)
{
    public const string SearchType = "outil";

    public async Task<ToolFile> StoreAsync(IncomingFile incoming, Guid? slot, int version, CancellationToken ct)
    {
        var text = incoming.Text;
        var stored = await files.SaveAsync(incoming.Content, ct);
        return new ToolFile
        {
            Slot = slot ?? Guid.NewGuid(), Version = version, FileName = SafeName(incoming.FileName, incoming.Kind), Kind = incoming.Kind.Key,
            ContentType = incoming.Kind.ContentType, Length = stored.Length, Sha256 = stored.Sha256, StorageKey = stored.Key,
            ExtractedText = text.Length == 0 ? null : text, UploadedAt = clock.GetUtcNow(),
        };
    }

    /// <summary>What a reader must look at before the tool goes out: findings in the summary and in each file.</summary>
    public static IReadOnlyList<PersonalInfoFinding> Findings(Tool tool) =>
        PersonalInformation.Find(tool.Summary, "le résumé")
            .Concat(tool.CurrentFiles.SelectMany(f => PersonalInformation.Find(f.ExtractedText, $"le fichier « {f.FileName} »")))
            .ToList();

    /// <summary>Saves the draft, then publishes it at once when nothing personal was found.</summary>
    public async Task<bool> SaveAndPublishIfCleanAsync(Tool tool, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        tool.CreatedAt = tool.UpdatedAt = now;
        tool.Status = ToolStatus.Draft;
        db.Add(tool);
        await db.SaveChangesAsync(ct);
        if (Findings(tool).Count > 0) return false;
        await PublishAsync(tool, ct);
        return true;
    }

    public async Task PublishAsync(Tool tool, CancellationToken ct)
    {
        var first = tool.PublishedAt is null;
        tool.Status = ToolStatus.Published;
        tool.PublishedAt ??= clock.GetUtcNow();
        tool.UpdatedAt = clock.GetUtcNow();
        index.Enqueue(SearchType, tool.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (first)
        {
            // Through this unit of work: a recipe publishes tools in the same transaction that made the sections.
            var section = await sections.FindAsync(tool.SectionId, ct);
            var recipients = (await members.MembersOfSectionAsync(tool.SectionId, ct)).Where(id => id != tool.CreatedById).ToList();
            await notifier.NotifyAsync(new Notice(NotificationKinds.NewToolInRegion, recipients,
                $"Nouvel outil dans {section?.Name} : {tool.Title}", $"{section?.PathPrefix}/outils/{IdSlugConstraint.Key(tool.Id, tool.Title)}"), ct);
        }
        await db.SaveChangesAsync(ct);
    }

    public async Task SaveEditAsync(Tool tool, CancellationToken ct)
    {
        tool.UpdatedAt = clock.GetUtcNow();
        if (tool.Status == ToolStatus.Published)
            index.Enqueue(SearchType, tool.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(ct);
    }

    public async Task WithdrawAsync(Tool tool, CancellationToken ct)
    {
        tool.Status = ToolStatus.Withdrawn;
        tool.UpdatedAt = clock.GetUtcNow();
        index.Enqueue(SearchType, tool.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Adds files, or new versions of existing ones (the old versions stay listed and downloadable).</summary>
    public async Task AddFilesAsync(Tool tool, IReadOnlyList<IncomingFile> incoming, Guid? replacing, CancellationToken ct)
    {
        foreach (var file in incoming)
        {
            var version = replacing is { } slot ? tool.Files.Where(f => f.Slot == slot).Select(f => f.Version).DefaultIfEmpty(0).Max() + 1 : 1;
            tool.Files.Add(await StoreAsync(file, replacing, version, ct));
        }
        tool.UpdatedAt = clock.GetUtcNow();
        if (tool.Status == ToolStatus.Published)
            index.Enqueue(SearchType, tool.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(ct);
    }

    public Task<Tool?> FindAsync(int id, CancellationToken ct) =>
        db.Set<Tool>().AcrossSections().Include(t => t.Files).Include(t => t.Links).Include(t => t.Terms).AsSplitQuery().FirstOrDefaultAsync(t => t.Id == id, ct);

    public long MaxFileSize => options.Value.MaxFileSize;

    public int KeepUnpublishedDays => (int)Math.Ceiling(options.Value.KeepUnpublishedFor.TotalDays);

    // The name shown and offered on download: no path, no control or invisible characters, the extension of what it really is.
    private static string SafeName(string fileName, FileKind kind)
    {
        var name = Path.GetFileNameWithoutExtension(Path.GetFileName(fileName.Replace('\\', '/')));
        // Invisible characters too: a right-to-left override makes « gpj.exe » read « exe.jpg ».
        name = new string(name.Where(c => !SingleLineAttribute.IsHidden(c) && c is not ('"' or '/' or ':' or '*' or '?' or '<' or '>' or '|')).ToArray()).Trim();
        if (name.Length == 0) name = "fichier";
        if (name.Length > 120) name = name[..120];
        return name + kind.Extension;
    }
}
