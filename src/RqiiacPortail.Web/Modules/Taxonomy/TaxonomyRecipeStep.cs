using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Recipes;
using RqiiacPortail.Web.Infrastructure.Text;

namespace RqiiacPortail.Web.Modules.Taxonomy;

/// <summary>
/// <c>{"name": "taxonomy", "vocabularies": [{"key": "approches", "name": "Approches", "terms": ["Action sociale", …]}]}</c>:
/// creates or updates vocabularies and adds missing terms (matched by slug). Terms are given as names or as
/// <c>{"name": …, "slug": …, "description": …}</c>.
/// </summary>
public sealed class TaxonomyRecipeStep(PortalDbContext db) : IRecipeStep
{
    public string Name => "taxonomy";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken ct)
    {
        var existing = await db.Set<Vocabulary>().Include(v => v.Terms).ToDictionaryAsync(v => v.Key, ct);
        var order = existing.Count;
        foreach (var item in context.Step.Array("vocabularies"))
        {
            var key = item.String("key", 60);
            if (!Slug.IsValid(key)) throw item.Fail("key", "lettres minuscules sans accents, chiffres et traits d'union seulement.");
            if (!existing.TryGetValue(key, out var vocabulary))
            {
                vocabulary = new Vocabulary { Key = key, Name = "", Order = order++ };
                db.Add(vocabulary);
                existing[key] = vocabulary;
            }
            vocabulary.Name = item.String("name", 120);
            vocabulary.IsOpen = item.Bool("open", vocabulary.IsOpen);

            var termOrder = vocabulary.Terms.Count;
            foreach (var t in item.Array("terms"))
            {
                var isText = t.Element.ValueKind == System.Text.Json.JsonValueKind.String;
                var name = isText ? t.Element.GetString()!.Trim() : t.String("name", 200);
                if (name.Length is 0 or > 200) throw t.Fail("name", "un nom de 1 à 200 caractères est attendu.");
                var slug = isText ? Slug.From(name) : t.OptionalString("slug", 120) ?? Slug.From(name);
                var term = vocabulary.Terms.FirstOrDefault(x => x.Slug == slug);
                if (term is null)
                {
                    term = new Term { Slug = slug, Name = name, Order = termOrder++ };
                    vocabulary.Terms.Add(term);
                }
                term.Name = name;
                if (!isText) term.Description = t.OptionalString("description", 1000);
            }
        }
    }
}
