using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Recipes;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Search.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;

namespace RqiiacPortail.Web.Modules.Forum;

/// <summary>
/// <c>{"name": "forum", "categories": [{"section": "00", "slug": …, "name": …, "access": "Public|Members|SectionMembers",
/// "pseudonyms": false, "boardOnly": false, "everySection": false}], "threads": [{"category": slug, "title": …, "body": …,
/// "author": user name, "pseudonym": …, "terms": ["ethique/confidentialite"], "pinned": false, "replies": [{"author": …, "body": …}]}]}</c>.
/// A category without a section goes to the recipe's target section; <c>everySection</c> makes one per regional
/// section (slug and name prefixed by the section's). Sample posts are published at once, attributed to the
/// account of the user name given when it exists (the development accounts), to the recipe otherwise. A category
/// whose slug exists, or a thread whose title exists in its category, is left alone: applying it again adds nothing.
/// </summary>
internal sealed class ForumRecipeStep(PortalDbContext db, ISectionLookup sections, ITaxonomy taxonomy, IIndexQueue index, IMemberDirectory members, TimeProvider clock)
    : IRecipeStep
{
    /// <summary>Words the forum's own addresses take after <c>/forum/</c>: no category may be called so.</summary>
    public static readonly IReadOnlySet<string> ReservedSlugs = new HashSet<string> { "sujets", "messages", "mentions", "nouveau", "suivre" };

    public string Name => "forum";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken ct)
    {
        var all = await sections.AllAsync(ct);
        var position = await db.Set<ForumCategory>().AcrossSections().CountAsync(ct);
        foreach (var item in context.Step.Array("categories", required: false))
        {
            IEnumerable<SectionInfo> targets;
            if (item.Bool("everySection", false)) targets = all.Where(s => !s.IsNational);
            else if (item.OptionalString("section", 8) is { } code) targets = [all.FirstOrDefault(s => s.Code == code) ?? throw item.Fail("section", $"aucune section n'a le code « {code} ».")];
            else targets = [all.FirstOrDefault(s => s.Id == context.TargetSectionId) ?? throw item.Fail("section", "une section est requise hors d'une recette de section.")];
            var slug = item.String("slug", 40);
            if (!Slug.IsValid(slug) || ReservedSlugs.Contains(slug)) throw item.Fail("slug", "lettres minuscules, chiffres et traits d'union, hors des mots réservés.");
            if (!Enum.TryParse<CategoryAccess>(item.OptionalString("access", 20) ?? "Members", out var access)) throw item.Fail("access", "Public, Members ou SectionMembers est attendu.");
            foreach (var section in targets)
            {
                var own = section.IsNational ? slug : $"{section.Slug}-{slug}";
                if (await db.Set<ForumCategory>().AcrossSections().AnyAsync(c => c.Slug == own, ct)
                    || db.ChangeTracker.Entries<ForumCategory>().Any(e => e.Entity.Slug == own)) continue;
                var name = item.String("name", 60);
                db.Add(new ForumCategory
                {
                    SectionId = section.Id, Slug = own, Name = item.Bool("everySection", false) ? $"{name} – {section.Name}" : name,
                    Description = item.OptionalString("description", 500), Access = access, Position = position++,
                    AllowsPseudonyms = item.Bool("pseudonyms", false), BoardOnly = item.Bool("boardOnly", false),
                });
            }
        }
        await db.SaveChangesAsync(ct);

        var terms = (await taxonomy.ReadThroughAsync(ct)).SelectMany(v => v.Terms.Select(t => (Key: $"{v.Key}/{t.Slug}", t.Id))).ToDictionary(x => x.Key, x => x.Id);
        // Sample posts are spread over the past days, a reply an hour, so that lists and dates read like a real forum.
        var start = clock.GetUtcNow().AddDays(-14);
        foreach (var item in context.Step.Array("threads", required: false))
        {
            var slug = item.String("category", 60);
            var category = await db.Set<ForumCategory>().AcrossSections().FirstOrDefaultAsync(c => c.Slug == slug, ct)
                ?? throw item.Fail("category", $"aucune catégorie « {slug} ».");
            var title = item.String("title", 200);
            if (await db.Set<ForumThread>().AcrossSections().AnyAsync(t => t.CategoryId == category.Id && t.Title == title, ct)) continue;
            var pseudonym = category.AllowsPseudonyms ? item.OptionalString("pseudonym", ForumPost.MaxPseudonym) : null;
            var when = start = start.AddHours(3);
            var thread = new ForumThread
            {
                SectionId = category.SectionId, CategoryId = category.Id, Title = title, AuthorId = await AuthorAsync(item), Pseudonym = pseudonym,
                Status = ThreadStatus.Published, IsPinned = item.Bool("pinned", false), IsDilemma = category.AllowsPseudonyms && item.Bool("dilemma", false),
                CreatedAt = when, LastPostAt = when,
            };
            foreach (var (term, i) in item.Strings("terms", 200).Select((t, i) => (t, i)))
                thread.Terms.Add(new ForumThreadTerm { TermId = terms.TryGetValue(term, out var id) ? id : throw item.Fail($"terms[{i}]", $"terme inconnu « {term} » (forme vocabulaire/terme).") });
            db.Add(thread);
            await db.SaveChangesAsync(ct);
            var posts = new List<ForumPost> { Post(thread, item, thread.AuthorId, pseudonym, when, first: true) };
            foreach (var reply in item.Array("replies", required: false))
                posts.Add(Post(thread, reply, await AuthorAsync(reply), category.AllowsPseudonyms ? reply.OptionalString("pseudonym", ForumPost.MaxPseudonym) : null,
                    when = when.AddMinutes(50), first: false));
            db.AddRange(posts);
            await db.SaveChangesAsync(ct);
            thread.ReplyCount = posts.Count - 1;
            thread.LastPostAt = when;
            thread.LastPostId = posts[^1].Id;
            index.Enqueue(ForumService.SearchType, ForumService.Key(thread.Id));
            await db.SaveChangesAsync(ct);
        }
    }

    private static ForumPost Post(ForumThread thread, RecipeReader item, string? author, string? pseudonym, DateTimeOffset at, bool first) => new()
    {
        ThreadId = thread.Id, AuthorId = author, Pseudonym = pseudonym, Body = item.OptionalMarkdown("body", ForumPost.MaxBody) ?? throw item.Fail("body", "valeur requise."),
        IsFirst = first, Status = PostStatus.Published, CreatedAt = at,
    };

    private async Task<string> AuthorAsync(RecipeReader item) =>
        item.OptionalString("author", 256) is { } userName && (await members.FindByUserNamesAsync([userName])).FirstOrDefault() is { } member
            ? member.Id : ForumAuthors.RecipeAuthor;
}
