using Microsoft.AspNetCore.Razor.TagHelpers;

namespace RqiiacPortail.Theme.TagHelpers;

/// <summary>
/// <c>&lt;avatar name="Marie Tremblay" /&gt;</c>: the initials of the name shown, on a colour drawn from that name.
/// Only the displayed name goes in, so a pseudonym's avatar says nothing of its author. Decorative: the name is
/// always written beside it.
/// </summary>
[HtmlTargetElement("avatar", TagStructure = TagStructure.WithoutEndTag)]
public sealed class AvatarTagHelper : TagHelper
{
    public string Name { get; set; } = "";

    /// <summary>« avatar--small » beside a list's line, the default beside a post.</summary>
    public string? Class { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "span";
        output.TagMode = TagMode.StartTagAndEndTag;
        var css = $"avatar avatar--c{Palette.Of(Name)}";
        output.Attributes.SetAttribute("class", Class is null ? css : css + " " + Class);
        output.Attributes.SetAttribute("aria-hidden", "true");
        output.Content.SetContent(Initials(Name));
    }

    /// <summary>« Marie Tremblay » → « MT », « Équipe du RQIIAC » → « ÉR », « marguerite » → « M ».</summary>
    public static string Initials(string name)
    {
        var words = name.Split([' ', '-', '\'', '’', '.', '_'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => char.IsLetterOrDigit(w[0]) && !Particles.Contains(w))
            .ToList();
        if (words.Count == 0) return "?";
        var first = char.ToUpperInvariant(words[0][0]).ToString();
        return words.Count == 1 ? first : first + char.ToUpperInvariant(words[^1][0]);
    }

    // Small words a name's initials skip (« Équipe du RQIIAC », « Jean de la Fontaine »).
    private static readonly HashSet<string> Particles = new(StringComparer.OrdinalIgnoreCase) { "de", "du", "des", "la", "le", "les", "d", "l", "et" };
}
