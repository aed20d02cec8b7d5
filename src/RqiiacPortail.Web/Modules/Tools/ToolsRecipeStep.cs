using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Files;
using RqiiacPortail.Web.Infrastructure.Recipes;
using RqiiacPortail.Web.Modules.Sections.Contracts;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;

namespace RqiiacPortail.Web.Modules.Tools;

/// <summary>
/// <c>{"name": "tools", "tools": [{"section": "14", "title": …, "summary": …, "terms": ["approches/action-sociale"],
/// "files": [{"name": "grille.pdf", "lines": […]}], "links": [{"title": …, "url": …}]}]}</c>: sample tools, published.
/// Files are written from their lines (PDF or DOCX by the name's extension); a tool whose title already exists
/// in its section is left alone, so applying the recipe again adds nothing.
/// </summary>
internal sealed class ToolsRecipeStep(PortalDbContext db, ToolService tools, ISectionLookup sections, ITaxonomy taxonomy, TimeProvider clock) : IRecipeStep
{
    public const string RecipeAuthor = "recette";

    public string Name => "tools";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken ct)
    {
        // Through the recipe's unit of work: its taxonomy step may have added the terms a moment ago.
        var terms = (await taxonomy.ReadThroughAsync(ct)).SelectMany(v => v.Terms.Select(t => (Key: $"{v.Key}/{t.Slug}", t.Id))).ToDictionary(x => x.Key, x => x.Id);
        foreach (var item in context.Step.Array("tools"))
        {
            var code = item.String("section", 8);
            var section = await sections.FindByCodeAsync(code, ct) ?? throw item.Fail("section", $"aucune section n'a le code « {code} ».");
            var title = item.String("title", 200);
            if (await db.Set<Tool>().AcrossSections().AnyAsync(t => t.SectionId == section.Id && t.Title == title, ct)) continue;

            var licence = item.OptionalString("licence", 40) ?? "cc-by-nc-sa-4.0";
            if (!Licences.All.Any(l => l.Key == licence)) throw item.Fail("licence", $"licence inconnue « {licence} ».");
            var visibility = item.OptionalString("visibility", 20) ?? "Public";
            if (!Enum.TryParse<ToolVisibility>(visibility, out var parsedVisibility)) throw item.Fail("visibility", "Public, Members ou SectionMembers est attendu.");

            var tool = new Tool
            {
                SectionId = section.Id, Title = title, Summary = item.OptionalMarkdown("summary", 8000) ?? throw item.Fail("summary", "valeur requise."), Licence = licence, Visibility = parsedVisibility,
                Author = item.OptionalString("author", 200), Organisation = item.OptionalString("organisation", 200), CreatedById = RecipeAuthor,
            };
            foreach (var (term, i) in item.Strings("terms", 200).Select((t, i) => (t, i)))
                tool.Terms.Add(new ToolTerm { TermId = terms.TryGetValue(term, out var id) ? id : throw item.Fail($"terms[{i}]", $"terme inconnu « {term} » (forme vocabulaire/terme).") });
            foreach (var link in item.Array("links", required: false))
                tool.Links.Add(new ToolLink { Title = link.String("title", 200), Url = link.String("url", 500) });
            foreach (var file in item.Array("files", required: false))
            {
                var name = file.String("name", 120);
                var lines = file.Strings("lines", 500).ToArray();
                var (kind, bytes) = Path.GetExtension(name).ToLowerInvariant() switch
                {
                    ".pdf" => (FileInspector.Pdf, DocumentWriter.Pdf(lines)),
                    ".docx" => (FileInspector.Docx, DocumentWriter.Docx(lines)),
                    _ => throw file.Fail("name", "un nom en .pdf ou en .docx est attendu."),
                };
                var content = new MemoryStream(bytes);
                tool.Files.Add(await tools.StoreAsync(new IncomingFile(name, content, kind, TextExtractor.Extract(content, kind)), slot: null, version: 1, tool.CreatedById, ct));
            }

            tool.CreatedAt = tool.UpdatedAt = clock.GetUtcNow();
            db.Add(tool);
            await db.SaveChangesAsync(ct);
            await tools.PublishAsync(tool, ct);
        }
    }
}
