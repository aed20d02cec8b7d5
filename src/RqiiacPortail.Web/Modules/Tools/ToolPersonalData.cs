using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Privacy;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Search.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Tools;

/// <summary>
/// The tools a member shared. When they leave, their drafts and withdrawn tools go (with their files, by
/// <see cref="UnpublishedToolsCleanup"/> within the hour); what they published stays for the community under its
/// licence, detached from their account, unless they chose to withdraw it too.
/// </summary>
internal sealed class ToolPersonalData(PortalDbContext db, ISectionCatalog sections, IIndexQueue index) : IPersonalData
{
    /// <summary>Who « created » a tool whose author closed their account.</summary>
    public const string FormerMember = "ancien-membre";

    public string Key => "outils";

    public async Task<object?> ExportAsync(DataSubject subject, CancellationToken ct)
    {
        var tools = await db.Set<Tool>().AcrossSections().AsNoTracking().Include(t => t.Files)
            .Where(t => t.CreatedById == subject.UserId).OrderBy(t => t.Id).ToListAsync(ct);
        var all = (await sections.GetAllAsync(ct)).ToDictionary(s => s.Id);
        var list = new List<object>();
        foreach (var t in tools)
        {
            var section = all.GetValueOrDefault(t.SectionId);
            list.Add(new
            {
                titre = t.Title, resume = t.Summary, section = section?.Name, statut = StatusLabel(t.Status),
                auteur = t.Author, organisation = t.Organisation, licence = t.Licence, cree = t.CreatedAt, publie = t.PublishedAt,
                adresse = $"{section?.PathPrefix}/outils/{IdSlugConstraint.Key(t.Id, t.Title)}",
                fichiers = t.Files.OrderBy(f => f.Id).Select(f => new { nom = f.FileName, version = f.Version, octets = f.Length, sha256 = f.Sha256, telechargements = f.Downloads }),
            });
        }
        return list;
    }

    public async Task EraseAsync(DataSubject subject, ErasureChoices choices, CancellationToken ct)
    {
        var tools = await db.Set<Tool>().AcrossSections().Where(t => t.CreatedById == subject.UserId).ToListAsync(ct);
        foreach (var tool in tools)
        {
            tool.CreatedById = FormerMember;
            // Kept for the community, « sans lien avec votre compte »: the name typed as its author goes too.
            if (tool.Author is { } author && Names(subject).Any(n => author.Contains(n, StringComparison.OrdinalIgnoreCase)))
                tool.Author = FormerMemberLabel;
            if (tool.Status == ToolStatus.Published && !choices.WithdrawPublishedContent)
            {
                index.Enqueue(ToolService.SearchType, tool.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                continue;
            }
            if (tool.Status == ToolStatus.Published) index.Enqueue(ToolService.SearchType, tool.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            // Withdrawn as of long ago: the clean-up deletes it and its files at its next run.
            tool.Status = ToolStatus.Withdrawn;
            tool.UpdatedAt = DateTimeOffset.UnixEpoch;
        }
    }

    /// <summary>What a tool whose author closed their account shows in the author's place.</summary>
    public const string FormerMemberLabel = "Membre retiré·e";

    // The full name, and the address, as the author may have typed them.
    private static IEnumerable<string> Names(DataSubject subject) =>
        new[] { subject.DisplayName.Trim(), subject.Email }.Where(n => n.Length >= 3);

    private static string StatusLabel(ToolStatus status) => status switch
    {
        ToolStatus.Draft => "brouillon",
        ToolStatus.Published => "publié",
        _ => "retiré",
    };
}
