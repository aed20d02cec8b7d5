using System.ComponentModel.DataAnnotations;
using RqiiacPortail.Web.Infrastructure.Text;

namespace RqiiacPortail.Web.Modules.Bulletin.Writing;

/// <summary>The board's form for an issue: its number, title, date, cover text and articles (rows added on demand).</summary>
public sealed class IssueInput
{
    public const int MaxArticles = 30, BlankRows = 3;

    [Required(ErrorMessage = "Indiquez le numéro.")]
    [Range(1, 99_999, ErrorMessage = "Le numéro va de 1 à 99 999.")]
    public int? Number { get; set; }

    [Required(ErrorMessage = "Donnez un titre au numéro.")]
    [StringLength(BulletinIssue.TitleLength, ErrorMessage = "Le titre compte au plus 200 caractères.")]
    [SingleLine]
    public string? Title { get; set; }

    [Required(ErrorMessage = "Indiquez la date du numéro.")]
    public DateOnly? IssuedOn { get; set; }

    [StringLength(BulletinIssue.CoverLength, ErrorMessage = "Le mot d'ouverture compte au plus 20 000 caractères.")]
    [Markdown]
    public string? Cover { get; set; }

    public List<ArticleInput> Articles { get; set; } = [];

    /// <summary>« Dans le réseau », in the order the board gives (<see cref="NetworkInput.Position"/>).</summary>
    public List<NetworkInput> Network { get; set; } = [];

    public const int MaxNetworkLinks = 40;

    /// <summary>The terms of the reference framework the issue is about.</summary>
    public List<int> Terms { get; set; } = [];

    public static IssueInput From(BulletinIssue issue) => new()
    {
        Number = issue.Number, Title = issue.Title, IssuedOn = issue.IssuedOn, Cover = issue.Cover,
        Articles = issue.Articles.OrderBy(a => a.Position).Select(a => new ArticleInput { Id = a.Id, Title = a.Title, Body = a.Body }).ToList(),
        Terms = issue.Terms.Select(t => t.TermId).ToList(),
        Network = issue.Network.OrderBy(n => n.Position).Select((n, i) => new NetworkInput { Kind = n.Kind, Title = n.Title, Path = n.Path, Position = i + 1 }).ToList(),
    };

    /// <summary>Empty rows the page hides until « Ajouter un article » shows them.</summary>
    public IssueInput WithBlankRows()
    {
        while (Articles.Count(a => a.IsBlank) < BlankRows && Articles.Count < MaxArticles) Articles.Add(new ArticleInput());
        return this;
    }
}

/// <summary>A line of « Dans le réseau » on the form: its title may be reworded, its place changed, the line dropped.</summary>
public sealed class NetworkInput
{
    [StringLength(NetworkLink.KindLength)]
    [SingleLine]
    public string? Kind { get; set; }

    [StringLength(NetworkLink.TitleLength, ErrorMessage = "Le titre compte au plus 200 caractères.")]
    [SingleLine]
    public string? Title { get; set; }

    [StringLength(NetworkLink.PathLength)]
    public string? Path { get; set; }

    [Range(1, 999, ErrorMessage = "Indiquez une place de 1 à 999.")]
    public int? Position { get; set; }

    public bool Remove { get; set; }
}

public sealed class ArticleInput
{
    public int Id { get; set; }

    [StringLength(BulletinArticle.TitleLength, ErrorMessage = "Le titre compte au plus 200 caractères.")]
    [SingleLine]
    public string? Title { get; set; }

    [StringLength(BulletinArticle.BodyLength, ErrorMessage = "Un article compte au plus 50 000 caractères.")]
    [Markdown]
    public string? Body { get; set; }

    public bool Remove { get; set; }

    public bool IsBlank => Id == 0 && string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(Body);
}

/// <summary>A past issue brought into the archive as a PDF: its number, title and date.</summary>
public sealed class PdfIssueInput
{
    [Required(ErrorMessage = "Indiquez le numéro.")]
    [Range(1, 99_999, ErrorMessage = "Le numéro va de 1 à 99 999.")]
    public int? Number { get; set; }

    [Required(ErrorMessage = "Donnez le titre du numéro.")]
    [StringLength(BulletinIssue.TitleLength, ErrorMessage = "Le titre compte au plus 200 caractères.")]
    [SingleLine]
    public string? Title { get; set; }

    [Required(ErrorMessage = "Indiquez la date du numéro.")]
    public DateOnly? IssuedOn { get; set; }
}
