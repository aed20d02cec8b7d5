using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Recipes;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Sections;

/// <summary>
/// <c>{"name": "sections", "national": {…}, "sections": [{"code": "14", "name": "Lanaudière"}, …]}</c>:
/// creates or updates the national site and regional sections, matched by code.
/// </summary>
public sealed class SectionsRecipeStep(PortalDbContext db, IEnumerable<SectionFeature> features, ReservedSlugs reserved) : IRecipeStep
{
    public string Name => "sections";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken ct)
    {
        var step = context.Step;
        var existing = await db.Set<Section>().ToDictionaryAsync(s => s.Code, ct);

        if (step.Has("national"))
        {
            var n = step.Object("national");
            var national = Upsert(existing, "00", n.String("name", 120), slug: "national");
            national.IsNational = true;
            national.Description = n.OptionalMarkdown("description", 8000);
        }

        var seenSlugs = new HashSet<string>(existing.Values.Select(s => s.Slug));
        foreach (var item in step.Array("sections"))
        {
            var code = item.String("code", 8);
            if (SectionRules.CheckCode(code) is { } codeError) throw item.Fail("code", codeError);
            var name = item.String("name", 120);
            var slug = item.OptionalString("slug", 64) ?? Slug.From(name);
            if (SectionRules.CheckSlug(slug, reserved) is { } slugError) throw item.Fail("slug", slugError);

            var section = existing.GetValueOrDefault(code);
            if (section?.Slug != slug && !seenSlugs.Add(slug)) throw item.Fail("slug", $"« {slug} » est déjà pris par une autre section.");
            var isNew = !existing.ContainsKey(code);
            section = Upsert(existing, code, name, slug);
            // A new section offers every module unless the recipe lists them.
            if (isNew) section.EnabledModules = features.Select(f => f.Key).ToList();
            SectionSettingsRecipeStep.Apply(section, item, features);
        }
    }

    private Section Upsert(Dictionary<string, Section> existing, string code, string name, string slug)
    {
        if (!existing.TryGetValue(code, out var section))
        {
            section = new Section { Code = code, Name = name, Slug = slug };
            db.Add(section);
            existing[code] = section;
        }
        section.Name = name;
        section.Slug = slug;
        return section;
    }
}

/// <summary>
/// <c>{"name": "section-settings", "description": "…", "accentColor": "#…", "modules": [...]}</c>: the settings a
/// section recipe gives the section it is applied to. <c>{section}</c> in the description becomes its name.
/// </summary>
public sealed class SectionSettingsRecipeStep(PortalDbContext db, IEnumerable<SectionFeature> features) : IRecipeStep
{
    public string Name => "section-settings";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken ct)
    {
        if (context.TargetSectionId is not { } id) throw context.Step.Fail("name", "cette étape s'applique à une section ; la recette doit viser une section.");
        var section = await db.Set<Section>().SingleAsync(s => s.Id == id, ct);
        Apply(section, context.Step, features);
    }

    internal static void Apply(Section section, RecipeReader item, IEnumerable<SectionFeature> features)
    {
        if (item.OptionalMarkdown("description", 8000) is { } description)
            section.Description = description.Replace("{section}", section.Name, StringComparison.Ordinal);
        if (item.OptionalString("accentColor", 7) is { } colour)
        {
            if (SectionRules.CheckAccentColour(colour) is { } error) throw item.Fail("accentColor", error);
            section.AccentColor = colour.ToLowerInvariant();
        }
        if (item.OptionalString("theme", 40) is { } theme)
        {
            if (theme != ThemeNames.Default) throw item.Fail("theme", $"thème inconnu « {theme} » (thèmes offerts : {ThemeNames.Default}).");
            section.Theme = theme;
        }
        if (item.Has("hostNames"))
        {
            var hosts = item.Strings("hostNames", 253).Select(h => h.ToLowerInvariant()).ToList();
            if (hosts.Select(SectionRules.CheckHostName).FirstOrDefault(e => e is not null) is { } hostError) throw item.Fail("hostNames", hostError);
            section.HostNames = hosts;
        }
        if (item.Has("modules"))
        {
            var known = features.Select(f => f.Key).ToHashSet();
            var modules = item.Strings("modules", 40);
            if (modules.FirstOrDefault(m => !known.Contains(m)) is { } unknown)
                throw item.Fail("modules", $"module inconnu « {unknown} » (modules connus : {string.Join(", ", known.Order())}).");
            section.EnabledModules = modules.Distinct().ToList();
        }
        if (item.Has("active")) section.IsActive = item.Bool("active", true);
    }
}
