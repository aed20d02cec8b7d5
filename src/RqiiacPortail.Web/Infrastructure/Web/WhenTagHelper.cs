using Microsoft.AspNetCore.Razor.TagHelpers;
using RqiiacPortail.Web.Infrastructure.Text;

namespace RqiiacPortail.Web.Infrastructure.Web;

/// <summary>
/// <c>&lt;when at="@post.CreatedAt" /&gt;</c>: « il y a 2 h » to the eye, the full date on hover and for screen
/// readers (« 23 novembre 2026 à 15 h 58 »), the moment itself for machines. The relative words are refreshed by
/// site.js from <c>datetime</c>, so a cached page does not age.
/// </summary>
[HtmlTargetElement("when", TagStructure = TagStructure.WithoutEndTag)]
public sealed class WhenTagHelper(TimeProvider clock) : TagHelper
{
    public DateTimeOffset At { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var full = FrenchText.DateTime(At);
        output.TagName = "time";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("datetime", FrenchText.IsoMoment(At));
        output.Attributes.SetAttribute("title", full);
        output.Attributes.Add(new TagHelperAttribute("data-ago"));
        output.Content.AppendHtml("<span aria-hidden=\"true\">");
        output.Content.Append(FrenchText.Ago(At, clock.GetUtcNow()));
        output.Content.AppendHtml("</span><span class=\"visually-hidden\">");
        output.Content.Append(full);
        output.Content.AppendHtml("</span>");
    }
}
