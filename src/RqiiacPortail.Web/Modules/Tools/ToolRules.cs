using System.Security.Claims;
using RqiiacPortail.Web.Infrastructure.Rules;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Modules.Sections.Contracts;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;

namespace RqiiacPortail.Web.Modules.Tools;

/// <summary>
/// The rules a tool's details follow when a member shares or edits it, in one place (the form places the refusals,
/// named after <see cref="ToolDetails"/>' fields): an active section, a known licence and audience, terms of the
/// describing vocabularies, web links, something to share, not too many files still awaiting their analysis; on
/// an edit, personal information in a new summary confirmed and a move only to a section the editor may act on.
/// </summary>
public sealed class ToolRules(ToolService tools, ToolAccess access, ISectionCatalog catalog, ITaxonomy taxonomy)
{
    /// <summary>The details as typed: the links are still the « Titre | adresse » lines of the form.</summary>
    public sealed record Draft(string Title, string Summary, int? SectionId, string Licence, string? Author, string? Organisation,
        ToolVisibility Visibility, string? Links, IReadOnlyCollection<int> TermIds);

    /// <summary>Checks a new tool; <paramref name="files"/> are those that passed the file checks.</summary>
    public async Task<(ToolDetails? Details, IReadOnlyList<Refusal> Refusals)> CheckShareAsync(Draft draft, string owner, int files, CancellationToken ct)
    {
        var (details, refusals) = await CheckAsync(draft, ct);
        if (await tools.TooManyAwaitingAsync(owner, files, ct) is { } waiting) refusals.Add(new("Files", waiting));
        if (files == 0 && details.Links.Count == 0 && refusals.Count == 0) refusals.Add(new("Files", "Joignez au moins un fichier ou un lien."));
        return refusals.Count == 0 ? (details, refusals) : (null, refusals);
    }

    /// <param name="confirmed">The author confirmed the personal information the new summary holds may be published.</param>
    public async Task<(ToolDetails? Details, IReadOnlyList<Refusal> Refusals, IReadOnlyList<PersonalInfoFinding> Findings)> CheckEditAsync(
        Tool tool, Draft draft, ClaimsPrincipal editor, bool confirmed, CancellationToken ct)
    {
        var (details, refusals) = await CheckAsync(draft, ct);
        if (details.Links.Count == 0 && tool.Files.Count == 0 && refusals.Count == 0) refusals.Add(new("Links", "Un outil sans fichier garde au moins un lien."));
        var findings = PersonalInformation.Find(draft.Summary, "le résumé");
        if (findings.Count > 0 && !confirmed && draft.Summary.Trim() != tool.Summary)
            refusals.Add(new("ConfirmPersonalInfo", "Le résumé contient des renseignements personnels : retirez-les ou confirmez qu'ils peuvent être publiés."));
        if (draft.SectionId is { } target && !(await access.ReaderAsync(editor)).CanMove(tool, target))
            refusals.Add(new("SectionId", "Vous ne pouvez déplacer cet outil que vers une section que vous coordonnez."));
        return (refusals.Count == 0 ? details : null, refusals, findings);
    }

    private async Task<(ToolDetails, List<Refusal>)> CheckAsync(Draft d, CancellationToken ct)
    {
        var refusals = new List<Refusal>();
        // No section at all is the form's « required » message; a section that is not in the list is this one.
        if (d.SectionId is { } id && !(await catalog.GetAllAsync(ct)).Any(s => s.Id == id && s.IsActive)) refusals.Add(new("SectionId", "Choisissez une section de la liste."));
        if (!Licences.All.Any(l => l.Key == d.Licence)) refusals.Add(new("Licence", "Choisissez une licence de la liste."));
        if (!Enum.IsDefined(d.Visibility)) refusals.Add(Refusal.OfForm("Choisissez qui peut consulter l'outil."));
        var known = (await taxonomy.GetAllAsync(ct)).Where(v => ToolsModule.DescribingVocabularies.Contains(v.Key)).SelectMany(v => v.Terms).Select(t => t.Id).ToHashSet();
        if (d.TermIds.Any(t => !known.Contains(t))) refusals.Add(Refusal.OfForm("Un des termes choisis n'existe pas. Rechargez la page et recommencez."));
        var links = ToolLinks.Parse(d.Links, out var linkError);
        if (linkError is not null) refusals.Add(new("Links", linkError));
        return (new ToolDetails(d.Title, d.Summary, d.SectionId ?? 0, d.Licence, d.Author, d.Organisation, d.Visibility, links, d.TermIds), refusals);
    }
}
