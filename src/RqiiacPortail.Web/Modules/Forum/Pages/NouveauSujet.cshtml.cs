using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Sections.Contracts;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;

namespace RqiiacPortail.Web.Modules.Forum.Pages;

/// <summary>
/// Starts a thread. In a category that allows pseudonyms, a dilemma template: the situation (de-identified),
/// the values in tension, the options considered, the question to peers; the personal-information check runs
/// on it before it is sent.
/// </summary>
[Authorize]
[SectionFeature(ForumModule.Feature)]
[EnableRateLimiting(ForumModule.PostingPolicy)]
public sealed class NouveauSujetModel(ForumService forum, ForumAccess access, ITaxonomy taxonomy, ForumPseudonyms pseudonyms) : PageModel
{
    /// <summary>The vocabularies a thread is tagged with.</summary>
    public static readonly IReadOnlyList<string> TaggingVocabularies =
        [Taxonomy.Contracts.Vocabularies.EthicsTopics, Taxonomy.Contracts.Vocabularies.Fields, Taxonomy.Contracts.Vocabularies.Approaches];

    public sealed class ThreadInput : PostInput
    {
        [Required(ErrorMessage = "Donnez un titre au sujet.")]
        [StringLength(200, ErrorMessage = "Le titre compte au plus 200 caractères.")]
        [SingleLine]
        public string Title { get; set; } = "";

        public List<int> Terms { get; set; } = [];

        /// <summary>The dilemma template's parts (the body is made of them when the template is used).</summary>
        [StringLength(6000, ErrorMessage = "Chaque partie compte au plus 6 000 caractères.")]
        public string? Situation { get; set; }

        [StringLength(3000, ErrorMessage = "Chaque partie compte au plus 3 000 caractères.")]
        public string? Values { get; set; }

        [StringLength(3000, ErrorMessage = "Chaque partie compte au plus 3 000 caractères.")]
        public string? Options { get; set; }

        [StringLength(3000, ErrorMessage = "Chaque partie compte au plus 3 000 caractères.")]
        public string? Question { get; set; }

        public string? Part(string name) => name switch
        {
            nameof(Situation) => Situation,
            nameof(Values) => Values,
            nameof(Options) => Options,
            _ => Question,
        };

        public bool UsesTemplate => new[] { Situation, Values, Options, Question }.Any(p => !string.IsNullOrWhiteSpace(p));

        /// <summary>The template's parts under their headings, as the post's Markdown.</summary>
        public string FromTemplate() => string.Join("\n\n", new[]
        {
            ("Situation", Situation), ("Valeurs en tension", Values), ("Options envisagées", Options), ("Question aux pairs", Question),
        }.Where(p => !string.IsNullOrWhiteSpace(p.Item2)).Select(p => $"### {p.Item1}\n\n{p.Item2!.Trim()}"));
    }

    [BindProperty]
    public ThreadInput Input { get; set; } = new();

    public ForumCategory Category { get; private set; } = null!;

    /// <summary>Why this member may not start a thread here now (suspended, a board-only category), in French.</summary>
    public string? CannotPost { get; private set; }
    public IReadOnlyList<VocabularyInfo> Vocabularies { get; private set; } = [];
    public IReadOnlyList<PersonalInfoFinding> Findings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string categorie, CancellationToken ct)
    {
        if (await LoadAsync(categorie, ct) is { } refused) return refused;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string categorie, CancellationToken ct)
    {
        if (await LoadAsync(categorie, ct) is { } refused) return refused;
        var reader = await access.ReaderAsync(User);
        if (Category.AllowsPseudonyms && Input.UsesTemplate)
        {
            // The template's parts make the body: its own errors belong to them, not to an empty body.
            ModelState.Remove("Input.Body");
            Input.Body = Input.FromTemplate() + (string.IsNullOrWhiteSpace(Input.Body) ? "" : "\n\n" + Input.Body.Trim());
            if (Input.Body.Length > ForumPost.MaxBody) ModelState.AddModelError("Input.Situation", "Le dilemme compte au plus 20 000 caractères en tout.");
            else if (MarkdownRenderer.Check(Input.Body) is { } problem) ModelState.AddModelError("Input.Situation", problem);
        }
        var known = Vocabularies.SelectMany(v => v.Terms).Select(t => t.Id).ToHashSet();
        if (Input.Terms.Any(t => !known.Contains(t))) ModelState.AddModelError(string.Empty, "Un des thèmes choisis n'existe pas. Rechargez la page et recommencez.");
        Findings = PostChecks.Check(Input, Category, User, ModelState, "Input");
        await PostChecks.CheckPseudonymAsync(pseudonyms, reader, Category, null, Input, ModelState, "Input", ct);
        if (!ModelState.IsValid) return Page();
        var (thread, post) = await forum.StartThreadAsync(reader, Category, Input.Title, Input.ToDraft(), Input.Terms, Input.UsesTemplate, ct);
        this.Say(post.Status == PostStatus.Pending
            ? "Sujet reçu : il paraîtra dès qu'une personne de la modération l'aura approuvé."
            : "Sujet publié.");
        return LocalRedirect($"{Request.PathBase}/forum/sujets/{IdSlugConstraint.Key(thread.Id, thread.Title)}");
    }

    private async Task<IActionResult?> LoadAsync(string slug, CancellationToken ct)
    {
        if (await forum.CategoryAsync(slug, ct) is not { } category) return NotFound();
        Category = category;
        var reader = await access.ReaderAsync(User);
        if (!reader.CanRead(category)) return NotFound();
        // Said on the page, under 403: a suspended member learns until when, and why.
        if (await forum.CannotPostAsync(reader, category, null, ct) is { } why)
        {
            CannotPost = why;
            return Page().WithStatus(StatusCodes.Status403Forbidden);
        }
        Vocabularies = (await taxonomy.GetAllAsync(ct)).Where(v => TaggingVocabularies.Contains(v.Key)).OrderBy(v => TaggingVocabularies.ToList().IndexOf(v.Key)).ToList();
        return null;
    }
}
