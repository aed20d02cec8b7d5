using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Events;
using RqiiacPortail.Web.Infrastructure.Files;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Notifications.Contracts;
using RqiiacPortail.Web.Modules.Search.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Tools;

/// <summary>What an author says of a tool, on sharing it or editing it (files come apart).</summary>
public sealed record ToolDetails(string Title, string Summary, int SectionId, string Licence, string? Author, string? Organisation,
    ToolVisibility Visibility, IReadOnlyList<ToolLink> Links, IReadOnlyCollection<int> TermIds);

/// <summary>
/// A tool's life: saved as a draft with its files, checked for personal information, published (indexed and
/// announced to the section's members) once nothing is found or the author confirmed, withdrawn at will.
/// </summary>
public sealed class ToolService(
    PortalDbContext db,
    IFileStore files,
    IIndexQueue index,
    IEventOutbox events,
    ISectionLookup sections,
    IOptions<ToolsOptions> options,
    TimeProvider clock,
    ToolCatalog catalog)
{
    public const string SearchType = "outil";

    /// <summary>
    /// Stores a file's bytes and its row (in the caller's unit of work). Whatever route a file comes by, it goes out
    /// only once its text was read and its author has seen what was found in it: an upload is held and analysed
    /// after commit (<see cref="ToolFileAnalysis"/>); a recipe's file, read already, is checked at once.
    /// </summary>
    /// <param name="owner">Whose files these are: the analysis shares its workers fairly among members.</param>
    public async Task<ToolFile> StoreAsync(IncomingFile incoming, Guid? slot, int version, string owner, CancellationToken ct)
    {
        var stored = await files.SaveAsync(incoming.Content, ct);
        var file = new ToolFile
        {
            Slot = slot ?? Guid.NewGuid(), Version = version, FileName = Infrastructure.Files.SafeFileName.Of(incoming.FileName, incoming.Kind), Kind = incoming.Kind.Key,
            ContentType = incoming.Kind.ContentType, Length = stored.Length, Sha256 = stored.Sha256, StorageKey = stored.Key,
            UploadedAt = clock.GetUtcNow(), HeldForReview = true,
        };
        if (incoming.Text is { } text) Analysed(file, text, problem: null);
        else events.Raise(new ToolFileStored(file.StorageKey), owner);
        return file;
    }

    /// <summary>Records what the analysis of a file found: held if its text could not be read or holds personal information.</summary>
    internal void Analysed(ToolFile file, string text, string? problem)
    {
        file.Text = text.Length == 0 ? null : new ToolFileText { Text = text };
        file.AnalyzedAt = clock.GetUtcNow();
        file.AnalysisProblem = problem;
        file.HeldForReview = problem is not null || PersonalInformation.Find(text, "").Count > 0;
    }

    /// <summary>
    /// What the author must look at before something goes out: the summary of a draft, and every file held for
    /// review, each finding placed where a reader of the file would find it (a PDF's page, a document's paragraph).
    /// </summary>
    public async Task<IReadOnlyList<PersonalInfoFinding>> FindingsAsync(Tool tool, CancellationToken ct)
    {
        // The texts of the held files only, read here rather than with every tool.
        var held = tool.Files.Where(f => f.HeldForReview && f.AnalyzedAt is not null).OrderBy(f => f.Id).ToList();
        var ids = held.Select(f => f.Id).ToList();
        var texts = await db.Set<ToolFileText>().AsNoTracking().Where(t => ids.Contains(t.FileId)).ToDictionaryAsync(t => t.FileId, t => t.Text, ct);
        return (tool.Status == ToolStatus.Draft ? PersonalInformation.Find(tool.Summary, "le résumé", line => $"ligne {line}") : [])
            .Concat(held.SelectMany(f => PersonalInformation.Find(f.Text?.Text ?? texts.GetValueOrDefault(f.Id), $"le fichier « {f.FileName} »", Locate(f.Kind))))
            .ToList();
    }

    // The text of each kind is extracted one line per page, paragraph, cell or text box (TextExtractor).
    private static Func<int, string> Locate(string kind) => kind switch
    {
        "pdf" => n => $"page {n}",
        "docx" or "odt" => n => $"paragraphe {n}",
        "xlsx" => n => $"cellule {n} (dans l'ordre du classeur)",
        "pptx" => n => $"zone de texte {n} des diapositives",
        _ => n => $"ligne {n}",
    };

    /// <summary>The author confirms that what was found may go out: held files are released and the index updated.</summary>
    public async Task ReleaseHeldFilesAsync(Tool tool, CancellationToken ct)
    {
        if (tool.IsBeingAnalysed) throw new InvalidOperationException("Files still being analysed cannot be released.");
        foreach (var file in tool.Files) file.HeldForReview = false;
        tool.UpdatedAt = clock.GetUtcNow();
        if (tool.Status == ToolStatus.Published) index.Enqueue(SearchType, tool.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Replaces a held version by a corrected file in the same place: the held version never went out, so it is
    /// deleted (rows first, its stored file after the commit) rather than kept as a previous version.
    /// </summary>
    /// <returns>Whether the new file is held in turn (always, until its analysis is done).</returns>
    public async Task<bool> ReplaceHeldAsync(Tool tool, ToolFile held, IncomingFile incoming, CancellationToken ct)
    {
        var version = tool.Files.Where(f => f.Slot == held.Slot && f != held).Select(f => f.Version).DefaultIfEmpty(0).Max() + 1;
        var replacement = await StoreAsync(incoming, held.Slot, version, tool.CreatedById, ct);
        tool.Files.Remove(held);
        db.Remove(held);
        tool.Files.Add(replacement);
        tool.UpdatedAt = clock.GetUtcNow();
        if (tool.Status == ToolStatus.Published) index.Enqueue(SearchType, tool.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(ct);
        await files.DeleteAsync(held.StorageKey, ct);
        return replacement.HeldForReview;
    }

    /// <summary>
    /// Saves the draft, then publishes it at once when nothing personal was found; with files still to analyse,
    /// it goes out by itself once they are, if nothing is found in them either.
    /// </summary>
    public Task<bool> SaveAndPublishIfCleanAsync(Tool tool, CancellationToken ct) =>
        // One unit of work: the draft, its file rows and (when it goes out at once) its publication commit together.
        db.InTransactionAsync(async tx =>
        {
            var now = clock.GetUtcNow();
            tool.CreatedAt = tool.UpdatedAt = now;
            tool.Status = ToolStatus.Draft;
            tool.PublishWhenClean = true;
            db.Add(tool);
            await db.SaveChangesAsync(ct);
            var published = await PublishIfCleanAsync(tool, ct);
            await tx.CommitAsync(ct);
            return published;
        }, ct);

    /// <summary>Publishes a draft its author asked to publish, once every file is analysed and nothing is found.</summary>
    internal async Task<bool> PublishIfCleanAsync(Tool tool, CancellationToken ct)
    {
        if (tool.Status != ToolStatus.Draft || !tool.PublishWhenClean || tool.IsBeingAnalysed || (await FindingsAsync(tool, ct)).Count > 0
            || tool.Files.Any(f => f.AnalysisProblem is not null)) return false;
        await PublishAsync(tool, ct);
        return true;
    }

    /// <summary>Publishes a draft; its author has seen and confirmed whatever was found, so its files go out too.</summary>
    public async Task PublishAsync(Tool tool, CancellationToken ct)
    {
        if (tool.IsBeingAnalysed) throw new InvalidOperationException("A tool whose files are still being analysed cannot be published.");
        foreach (var file in tool.Files) file.HeldForReview = false;
        var first = tool.PublishedAt is null;
        tool.Status = ToolStatus.Published;
        tool.PublishedAt ??= clock.GetUtcNow();
        tool.UpdatedAt = clock.GetUtcNow();
        index.Enqueue(SearchType, tool.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (first)
        {
            // One event in this unit of work (a recipe publishes tools in the transaction that made the sections);
            // the region's members are told after commit, a batch at a time.
            var section = await sections.FindAsync(tool.SectionId, ct);
            events.Raise(new ToolPublished(tool.Id, tool.SectionId, tool.Title, $"{section?.PathPrefix}/outils/{IdSlugConstraint.Key(tool.Id, tool.Title)}", tool.CreatedById));
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Shares a new tool: stores its files, saves it as a draft and publishes it at once when nothing personal is
    /// found (or once its files are analysed). Returns the tool and whether it went out already.
    /// </summary>
    public async Task<(Tool Tool, bool Published)> ShareAsync(ToolDetails details, string createdById, IReadOnlyList<IncomingFile> files, CancellationToken ct)
    {
        var tool = new Tool { Title = "", Summary = "", Licence = "", CreatedById = createdById };
        Describe(tool, details);
        foreach (var file in files) tool.Files.Add(await StoreAsync(file, slot: null, version: 1, createdById, ct));
        return (tool, await SaveAndPublishIfCleanAsync(tool, ct));
    }

    /// <summary>Saves what the author changed in the tool's description (reindexed when published).</summary>
    public Task EditAsync(Tool tool, ToolDetails details, CancellationToken ct)
    {
        Describe(tool, details);
        return SaveEditAsync(tool, ct);
    }

    private static void Describe(Tool tool, ToolDetails details)
    {
        tool.Title = details.Title.Trim();
        tool.Summary = details.Summary.Trim();
        tool.SectionId = details.SectionId;
        tool.Licence = details.Licence;
        tool.Author = string.IsNullOrWhiteSpace(details.Author) ? null : details.Author.Trim();
        tool.Organisation = string.IsNullOrWhiteSpace(details.Organisation) ? null : details.Organisation.Trim();
        tool.Visibility = details.Visibility;
        tool.Links.Clear();
        tool.Links.AddRange(details.Links);
        tool.Terms.Clear();
        tool.Terms.AddRange(details.TermIds.Distinct().Select(t => new ToolTerm { TermId = t }));
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
    /// <returns>Whether one of them is held for review (personal information found): the author then confirms or replaces it.</returns>
    public async Task<bool> AddFilesAsync(Tool tool, IReadOnlyList<IncomingFile> incoming, Guid? replacing, CancellationToken ct)
    {
        var held = false;
        foreach (var file in incoming)
        {
            var version = replacing is { } slot ? tool.Files.Where(f => f.Slot == slot).Select(f => f.Version).DefaultIfEmpty(0).Max() + 1 : 1;
            var stored = await StoreAsync(file, replacing, version, tool.CreatedById, ct);
            held |= stored.HeldForReview;
            tool.Files.Add(stored);
        }
        tool.UpdatedAt = clock.GetUtcNow();
        if (tool.Status == ToolStatus.Published)
            index.Enqueue(SearchType, tool.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(ct);
        return held;
    }

    public Task<Tool?> FindAsync(int id, CancellationToken ct) =>
        db.Set<Tool>().AcrossSections().Include(t => t.Files).Include(t => t.Links).Include(t => t.Terms).AsSplitQuery().FirstOrDefaultAsync(t => t.Id == id, ct);

    /// <summary>Up to <paramref name="take"/> published tools sharing a term with this one that the reader may open, newest first.</summary>
    public async Task<IReadOnlyList<Tool>> RelatedAsync(Tool tool, ToolReader reader, int take, CancellationToken ct)
    {
        var terms = tool.Terms.Select(t => t.TermId).ToHashSet();
        return (await catalog.PublishedAsync(ct)).Newest
            .Where(t => t.Id != tool.Id && t.Terms.Any(x => terms.Contains(x.TermId)) && reader.CanView(t)).Take(take).ToList();
    }

    /// <summary>One more download, counted in one statement (two at once both count).</summary>
    public Task CountDownloadAsync(int fileId, CancellationToken ct) =>
        db.Set<ToolFile>().Where(f => f.Id == fileId).ExecuteUpdateAsync(s => s.SetProperty(f => f.Downloads, f => f.Downloads + 1), ct);

    public long MaxFileSize => options.Value.MaxFileSize;

    /// <summary>One uploaded file checked as every route checks it: present, within the size, accepted by <see cref="FileIntake"/>.</summary>
    /// <param name="missing">What to say when no file was chosen.</param>
    /// <returns>
    /// Why <paramref name="adding"/> more files of this member's would be refused now (too many of theirs still wait
    /// for their analysis), in French, or null. A check before the insert: concurrent uploads may pass it together,
    /// each bounded by the posting limits; the analysis takes each member's files one at a time anyway.
    /// </returns>
    public async Task<string?> TooManyAwaitingAsync(string owner, int adding, CancellationToken ct)
    {
        if (adding == 0) return null;
        var max = options.Value.MaxFilesAwaitingAnalysis;
        var waiting = await db.Set<ToolFile>().CountAsync(f => f.AnalyzedAt == null
            && db.Set<Tool>().AcrossSections().Any(t => t.Id == f.ToolId && t.CreatedById == owner), ct);
        return waiting + adding <= max ? null
            : $"{(waiting == 1 ? "Un de vos fichiers est" : $"{waiting} de vos fichiers sont")} encore en cours d'analyse : attendez qu'ils soient lus avant d'en envoyer d'autres (au plus {max} en attente).";
    }

    public (IncomingFile? File, string? Error) CheckUpload(IFormFile? upload, FileIntake intake, string missing, CancellationToken ct)
    {
        if (upload is null || upload.Length == 0) return (null, missing);
        if (upload.Length > MaxFileSize) return (null, $"« {Path.GetFileName(upload.FileName)} » dépasse la taille permise ({options.Value.MaxFileSizeMb} Mo).");
        return intake.Check(upload.FileName, upload.OpenReadStream(), ct);
    }

    public int KeepUnpublishedDays => (int)Math.Ceiling(options.Value.KeepUnpublishedFor.TotalDays);
}
