using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace RqiiacPortail.Web.Infrastructure.Web;

/// <summary>
/// A refused form opens with the list of its errors, each a link to its field; the list takes the focus (the
/// theme's script) so that a screen reader starts there. Errors of the form as a whole stay in the form's own
/// summary. A form marked <c>data-no-error-summary</c> (one of many small ones) has none.
/// </summary>
[HtmlTargetElement("form", Attributes = "method")]
public sealed class ErrorSummaryTagHelper : TagHelper
{
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        // A page with a form per item (a thread's posts) keeps the list for its main form.
        if (output.Attributes.RemoveAll("data-no-error-summary")) return;
        var state = ViewContext.ModelState;
        if (state.IsValid || !string.Equals(ViewContext.HttpContext.Request.Method, "POST", StringComparison.OrdinalIgnoreCase)) return;
        var fields = state.Where(e => e.Key.Length > 0 && e.Value is { Errors.Count: > 0 }).Select(e => (e.Key, Errors: e.Value!.Errors)).ToList();
        if (fields.Count == 0) return;

        var list = new TagBuilder("ul");
        foreach (var (key, errors) in fields)
            foreach (var error in errors)
            {
                var link = new TagBuilder("a");
                link.Attributes["href"] = "#" + TagBuilder.CreateSanitizedId(key, "_");
                link.InnerHtml.Append(error.ErrorMessage);
                var item = new TagBuilder("li");
                item.InnerHtml.AppendHtml(link);
                list.InnerHtml.AppendHtml(item);
            }
        var summary = new TagBuilder("div");
        summary.AddCssClass("error-summary");
        summary.Attributes["role"] = "alert";
        summary.Attributes["tabindex"] = "-1";
        summary.Attributes["aria-labelledby"] = "erreurs-titre";
        summary.InnerHtml.AppendHtml($"<p id=\"erreurs-titre\" class=\"error-summary__title\">{(fields.Sum(f => f.Errors.Count) == 1 ? "Un champ est à corriger" : "Des champs sont à corriger")} :</p>");
        summary.InnerHtml.AppendHtml(list);
        output.PreContent.AppendHtml(summary);
    }
}

/// <summary>
/// Fields say what their model knows: « (obligatoire) » after the label of a required one, <c>aria-required</c>
/// on its control, and <c>aria-invalid</c> on a control whose value was refused.
/// </summary>
[HtmlTargetElement("label", Attributes = "asp-for")]
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class RequiredFieldTagHelper : TagHelper
{
    [HtmlAttributeName("asp-for")] public ModelExpression For { get; set; } = null!;

    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    // After the framework's own helpers, which build the element.
    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (output.TagName != "label" && ViewContext.ModelState.TryGetValue(For.Name, out var entry) && entry.Errors.Count > 0)
            output.Attributes.SetAttribute("aria-invalid", "true");
        // Only an explicit [Required]: check boxes are "required" to the framework without being so to a person.
        if (!For.Metadata.ValidatorMetadata.OfType<RequiredAttribute>().Any()) return;
        if (output.TagName == "label") output.PostContent.AppendHtml(" <span class=\"required\">(obligatoire)</span>");
        else output.Attributes.SetAttribute("aria-required", "true");
    }
}

/// <summary>
/// « (obligatoire) » after a label written by hand (a control without a model expression), so that every required
/// field of the site says so alike: <c>&lt;label for="x" mark-required="@q.Required"&gt;</c>.
/// </summary>
[HtmlTargetElement("label", Attributes = "mark-required")]
public sealed class MarkRequiredTagHelper : TagHelper
{
    [HtmlAttributeName("mark-required")] public bool MarkRequired { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (MarkRequired) output.PostContent.AppendHtml(" <span class=\"required\">(obligatoire)</span>");
    }
}
