using System.ComponentModel.DataAnnotations;

namespace RqiiacPortail.Web.Modules.Forum.Pages.Admin;

/// <summary>The category form, shared by the add and edit pages; the rules are <see cref="ForumCategoryEditor"/>'s.</summary>
public sealed class CategoryInput
{
    [StringLength(ForumCategoryEditor.MaxName, ErrorMessage = "Le nom compte au plus 100 caractères.")]
    public string? Name { get; set; }

    [StringLength(ForumCategoryEditor.MaxSlug, ErrorMessage = "L'adresse compte au plus 60 caractères.")]
    public string? Slug { get; set; }

    [StringLength(ForumCategoryEditor.MaxDescription, ErrorMessage = "La description compte au plus 500 caractères.")]
    public string? Description { get; set; }

    public string? Access { get; set; } = nameof(CategoryAccess.Members);
    public bool AllowsPseudonyms { get; set; }
    public bool BoardOnly { get; set; }

    public static CategoryInput Of(ForumCategory c) => new()
    {
        Name = c.Name, Slug = c.Slug, Description = c.Description, Access = c.Access.ToString(), AllowsPseudonyms = c.AllowsPseudonyms, BoardOnly = c.BoardOnly,
    };

    /// <summary>An access that is not one of the three becomes an undefined value, which the editor refuses.</summary>
    public CategoryChange ToChange() => new(Name, Slug, Description,
        System.Enum.TryParse<CategoryAccess>(Access, ignoreCase: false, out var access) && !int.TryParse(Access, out _) ? access : (CategoryAccess)(-1),
        AllowsPseudonyms, BoardOnly);

    public static readonly IReadOnlyList<(CategoryAccess Value, string Label)> Accesses =
    [
        (CategoryAccess.Public, "Tout le monde, sans compte"),
        (CategoryAccess.Members, "Les membres du réseau"),
        (CategoryAccess.SectionMembers, "Les membres de la section seulement"),
    ];
}

/// <summary>What the category fields partial needs: the form's values, whether the slug is still to choose, who is asking.</summary>
public sealed record CategoryFields(CategoryInput Input, string? SlugPrefix, bool IsNew, bool SetsNetworkRules);
