using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Audit;
using RqiiacPortail.Web.Infrastructure.Files;
using RqiiacPortail.Web.Infrastructure.Rules;

namespace RqiiacPortail.Web.Modules.Bulletin.Writing;

/// <summary>
/// The board writes issues here: a numbered draft, its articles in order, the images its articles show. The
/// number is unique (the database keeps one of two drafts numbered at once). Who may call it is the page's
/// permission (<see cref="BulletinPermissions.Publish"/>).
/// </summary>
public sealed class BulletinEditor(PortalDbContext db, IFileStore store, AuditLog audit, TimeProvider clock, IEnumerable<Contracts.INewsSource> news,
    Search.Contracts.IIndexQueue index, Taxonomy.Contracts.ITaxonomy taxonomy)
{
    public const string AuditArea = "bulletin";

    /// <summary>An issue on the board's desk: its state, its schedule and its send.</summary>
    public sealed record DeskEntry(int Number, string Title, DateOnly IssuedOn, IssueState State, DateTimeOffset? ScheduledFor,
        DateTimeOffset? SendStartedAt, bool IsPdf, DateTimeOffset UpdatedAt);

    public async Task<IReadOnlyList<DeskEntry>> DeskAsync(CancellationToken ct) =>
        await db.Set<BulletinIssue>().AsNoTracking().OrderByDescending(i => i.Number).Take(60)
            .Select(i => new DeskEntry(i.Number, i.Title, i.IssuedOn, i.State, i.ScheduledFor, i.SendStartedAt, i.PdfKey != null, i.UpdatedAt))
            .ToListAsync(ct);

    /// <summary>The next free number, to offer on a new issue.</summary>
    public async Task<int> NextNumberAsync(CancellationToken ct) => (await db.Set<BulletinIssue>().MaxAsync(i => (int?)i.Number, ct) ?? 0) + 1;

    public async Task<BulletinIssue?> ForEditingAsync(int number, CancellationToken ct)
    {
        var issue = await db.Set<BulletinIssue>().Include(i => i.Articles).Include(i => i.Network).Include(i => i.Terms).AsSplitQuery().FirstOrDefaultAsync(i => i.Number == number, ct);
        issue?.Articles.Sort((a, b) => a.Position.CompareTo(b.Position));
        issue?.Network.Sort((a, b) => a.Position.CompareTo(b.Position));
        return issue;
    }

    public async Task<IReadOnlyList<BulletinImage>> ImagesAsync(int issueId, CancellationToken ct) =>
        await db.Set<BulletinImage>().AsNoTracking().Where(i => i.IssueId == issueId).OrderBy(i => i.Id).ToListAsync(ct);

    /// <summary>Saves a new issue (<paramref name="issue"/> null) or changes one, with the images uploaded with the form.</summary>
    /// <returns>The issue's number, or why the form is refused (each reason next to its field).</returns>
    public async Task<(int? Number, IReadOnlyList<Refusal> Refusals)> SaveAsync(ClaimsPrincipal actor, BulletinIssue? issue, IssueInput input,
        IReadOnlyList<IncomingFile> images, CancellationToken ct)
    {
        var refusals = Check(input);
        var known = (await taxonomy.GetAllAsync(ct)).SelectMany(v => v.Terms).Select(t => t.Id).ToHashSet();
        if (input.Terms.Any(t => !known.Contains(t))) refusals.Add(Refusal.OfForm("Un des thèmes choisis n'existe pas. Rechargez la page et recommencez."));
        var number = input.Number!.Value;
        var taken = new Refusal(nameof(IssueInput.Number), $"Le numéro {number} existe déjà : choisissez-en un autre.");
        if (await db.Set<BulletinIssue>().AnyAsync(i => i.Number == number && (issue == null || i.Id != issue.Id), ct)) refusals.Add(taken);
        if (refusals.Count > 0) return (null, refusals);

        var now = clock.GetUtcNow();
        var created = issue is null;
        issue ??= new BulletinIssue { Title = "", CreatedAt = now, State = IssueState.Draft };
        issue.Number = number;
        issue.Title = input.Title!.Trim();
        issue.IssuedOn = input.IssuedOn!.Value;
        issue.Cover = input.Cover?.Trim() ?? "";
        issue.UpdatedAt = now;
        var kept = input.Articles.Where(a => !a.IsBlank && !a.Remove).ToList();
        issue.Articles.RemoveAll(a => !kept.Any(k => k.Id == a.Id));
        foreach (var (row, position) in kept.Select((k, i) => (k, i)))
        {
            var article = row.Id == 0 ? null : issue.Articles.FirstOrDefault(a => a.Id == row.Id);
            if (article is null) issue.Articles.Add(article = new BulletinArticle { Title = "" });
            (article.Title, article.Body, article.Position) = (row.Title!.Trim(), row.Body?.Trim() ?? "", position);
        }
        // « Dans le réseau » as the board left it: in its order, without the lines dropped.
        issue.Network.Clear();
        foreach (var (line, position) in NetworkLines(input).Select((l, i) => (l, i)))
            issue.Network.Add(new NetworkLink { Kind = line.Kind?.Trim() is { Length: > 0 } k ? k : "Sur le portail", Title = line.Title!.Trim(), Path = line.Path!, Position = position });
        issue.Terms.RemoveAll(t => !input.Terms.Contains(t.TermId));
        issue.Terms.AddRange(input.Terms.Distinct().Where(t => issue.Terms.All(x => x.TermId != t)).Select(t => new BulletinIssueTerm { TermId = t }));
        if (created) db.Add(issue);
        // A published issue changed: the index reads it again (a draft is not in it).
        if (issue.State == IssueState.Published) index.Enqueue(BulletinSearchSource.SearchType, issue.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        audit.Write(actor, new AuditRecord(AuditArea, created ? "creer" : "modifier",
            $"Numéro {number} « {issue.Title} » {(created ? "créé" : "modifié")}", Link: $"/bulletin/{number}"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Numbered at the same moment by another board member: the unique index kept theirs.
            db.ChangeTracker.Clear();
            return (null, [taken]);
        }
        foreach (var image in images)
        {
            var stored = await store.SaveAsync(image.Content, ct);
            db.Add(new BulletinImage
            {
                IssueId = issue.Id, Key = stored.Key, FileName = SafeFileName.Of(image.FileName, image.Kind), ContentType = image.Kind.ContentType,
                Length = stored.Length, CreatedAt = now,
            });
        }
        if (images.Count > 0) await db.SaveChangesAsync(ct);
        return (number, []);
    }

    /// <summary>
    /// A past issue that exists only as a PDF, brought into the archive with its number and date: published at once,
    /// never sent by e-mail.
    /// </summary>
    public async Task<(int? Number, IReadOnlyList<Refusal> Refusals)> ImportPdfAsync(ClaimsPrincipal actor, PdfIssueInput input, IncomingFile pdf, CancellationToken ct)
    {
        var number = input.Number!.Value;
        var taken = new Refusal(nameof(PdfIssueInput.Number), $"Le numéro {number} existe déjà : choisissez-en un autre.");
        if (await db.Set<BulletinIssue>().AnyAsync(i => i.Number == number, ct)) return (null, [taken]);
        var stored = await store.SaveAsync(pdf.Content, ct);
        var now = clock.GetUtcNow();
        db.Add(new BulletinIssue
        {
            Number = number, Title = input.Title!.Trim(), IssuedOn = input.IssuedOn!.Value, State = IssueState.Published, PublishedAt = now,
            SendByEmail = false, PdfKey = stored.Key, PdfName = SafeFileName.Of(pdf.FileName, pdf.Kind), CreatedAt = now, UpdatedAt = now,
        });
        audit.Write(actor, new AuditRecord(AuditArea, "verser-pdf", $"Numéro {number} « {input.Title!.Trim()} » versé aux archives (PDF)", Link: $"/bulletin/{number}"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return (null, [taken]); // the stored file is swept as an orphan
        }
        var id = await db.Set<BulletinIssue>().Where(i => i.Number == number).Select(i => i.Id).FirstAsync(ct);
        index.Enqueue(BulletinSearchSource.SearchType, id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(ct);
        return (number, []);
    }

    /// <summary>A published past issue's PDF (a draft's for the board), or null.</summary>
    public async Task<(string Name, Stream Content)?> OpenPdfAsync(int number, bool board, CancellationToken ct)
    {
        var issue = await db.Set<BulletinIssue>().AsNoTracking()
            .Where(i => i.Number == number && i.PdfKey != null && (board || i.State == IssueState.Published))
            .Select(i => new { i.PdfKey, i.PdfName }).FirstOrDefaultAsync(ct);
        if (issue is null) return null;
        try { return (issue.PdfName ?? $"bulletin-{number}.pdf", await store.OpenReadAsync(issue.PdfKey!, ct)); }
        catch (FileNotFoundException) { return null; }
    }

    /// <summary>Removes an image of a draft's (what an article still shows becomes a broken image: the page says so).</summary>
    public async Task<bool> RemoveImageAsync(int issueId, int imageId, CancellationToken ct)
    {
        var image = await db.Set<BulletinImage>().FirstOrDefaultAsync(i => i.Id == imageId && i.IssueId == issueId, ct);
        if (image is null) return false;
        db.Remove(image);
        await db.SaveChangesAsync(ct);
        try { await store.DeleteAsync(image.Key, ct); }
        catch (IOException) { /* the orphan sweeper takes it later */ }
        return true;
    }

    /// <summary>An image, for a reader who may see its issue; null otherwise.</summary>
    public async Task<(BulletinImage Image, Stream Content)?> OpenImageAsync(int id, bool board, CancellationToken ct)
    {
        var image = await db.Set<BulletinImage>().AsNoTracking()
            .Where(i => i.Id == id && (board || db.Set<BulletinIssue>().Any(s => s.Id == i.IssueId && s.State == IssueState.Published)))
            .FirstOrDefaultAsync(ct);
        if (image is null) return null;
        try { return (image, await store.OpenReadAsync(image.Key, ct)); }
        catch (FileNotFoundException) { return null; }
    }

    /// <summary>
    /// What is new in the network since the previous issue (or in the month before this one's date), visible to a
    /// visitor, added after the lines already there (a page already listed is not added twice).
    /// </summary>
    public async Task<int> FillNetworkAsync(IssueInput input, int? issueId, CancellationToken ct)
    {
        var day = input.IssuedOn ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var previous = await db.Set<BulletinIssue>().Where(i => i.State == IssueState.Published && i.IssuedOn < day && (issueId == null || i.Id != issueId))
            .MaxAsync(i => (DateOnly?)i.IssuedOn, ct);
        var from = Infrastructure.Text.FrenchText.StartOfDay(previous ?? day.AddMonths(-1));
        var to = clock.GetUtcNow();
        var known = input.Network.Select(n => n.Path).ToHashSet(StringComparer.Ordinal);
        var added = 0;
        foreach (var source in news)
            // The newest of each kind, so that a month of many tools leaves room for the events and the threads.
            foreach (var item in (await source.NewsAsync(from, to, ct)).Where(i => NetworkLink.IsLocal(i.Path) && known.Add(i.Path)).Take(PerSource))
            {
                if (input.Network.Count >= IssueInput.MaxNetworkLinks) return added;
                input.Network.Add(new NetworkInput { Kind = item.Kind, Title = Infrastructure.Text.TextLimits.Clamp(item.Title, NetworkLink.TitleLength), Path = item.Path, Position = input.Network.Count + 1 });
                added++;
            }
        return added;
    }

    private const int PerSource = 10;

    /// <summary>The lines kept, in the order given (a line without a place goes after those with one, as it stood).</summary>
    private static IEnumerable<NetworkInput> NetworkLines(IssueInput input) =>
        input.Network.Select((n, i) => (n, i)).Where(x => !x.n.Remove && !string.IsNullOrWhiteSpace(x.n.Title) && NetworkLink.IsLocal(x.n.Path))
            .OrderBy(x => x.n.Position ?? int.MaxValue).ThenBy(x => x.i).Select(x => x.n);

    private static List<Refusal> Check(IssueInput input)
    {
        var refusals = new List<Refusal>();
        foreach (var (line, i) in input.Network.Select((n, i) => (n, i)).Where(x => !x.n.Remove))
        {
            if (!NetworkLink.IsLocal(line.Path)) refusals.Add(new Refusal($"Network[{i}].Title", "Ce lien ne mène pas à une page du portail : retirez-le."));
            else if (string.IsNullOrWhiteSpace(line.Title)) refusals.Add(new Refusal($"Network[{i}].Title", "Donnez un titre à ce lien, ou retirez-le."));
        }
        if (input.Network.Count(n => !n.Remove) > IssueInput.MaxNetworkLinks)
            refusals.Add(Refusal.OfForm($"« Dans le réseau » compte au plus {IssueInput.MaxNetworkLinks} liens."));
        var rows = input.Articles.Select((a, i) => (a, i)).Where(x => !x.a.IsBlank && !x.a.Remove).ToList();
        if (rows.Count > IssueInput.MaxArticles)
            refusals.Add(Refusal.OfForm($"Un numéro compte au plus {IssueInput.MaxArticles} articles."));
        foreach (var (a, i) in rows.Where(x => string.IsNullOrWhiteSpace(x.a.Title)))
            refusals.Add(new Refusal($"Articles[{i}].Title", "Donnez un titre à cet article."));
        return refusals;
    }
}
