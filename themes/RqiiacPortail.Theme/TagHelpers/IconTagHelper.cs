using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace RqiiacPortail.Theme.TagHelpers;

/// <summary>
/// <c>&lt;icon name="file-text" /&gt;</c>: an icon beside words that say the same thing, so it is hidden from
/// screen readers. An icon that stands alone needs its words next to it (visually hidden), not a label here. Drawn
/// once per page at its end (<see cref="IconSprite"/>), used here by reference.
/// </summary>
[HtmlTargetElement("icon", TagStructure = TagStructure.WithoutEndTag)]
public sealed class IconTagHelper : TagHelper
{
    public string Name { get; set; } = "";

    /// <summary>An extra class (« icon--large »).</summary>
    public string? Class { get; set; }

    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "svg";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", Class is null ? "icon" : "icon " + Class);
        output.Attributes.SetAttribute("aria-hidden", "true");
        output.Attributes.SetAttribute("focusable", "false");
        var http = ViewContext.HttpContext;
        if (IconSprite.IsInline(http))
        {
            // Lucide's own drawing attributes: outlines in the text's colour.
            output.Attributes.SetAttribute("viewBox", "0 0 24 24");
            output.Attributes.SetAttribute("fill", "none");
            output.Attributes.SetAttribute("stroke", "currentColor");
            output.Attributes.SetAttribute("stroke-width", "2");
            output.Attributes.SetAttribute("stroke-linecap", "round");
            output.Attributes.SetAttribute("stroke-linejoin", "round");
            output.Content.SetHtmlContent(IconCatalog.Inner(Name));
            return;
        }
        IconSprite.Use(http, Name);
        output.Content.SetHtmlContent($"<use href=\"#icone-{Name}\"></use>");
    }
}
