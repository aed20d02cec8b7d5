using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RqiiacPortail.Web.Infrastructure.Rules;

namespace RqiiacPortail.Web.Infrastructure.Web;

/// <summary>How a page places what a service decided.</summary>
public static class RefusalsModelState
{
    /// <summary>Places each refusal next to its field, named under <paramref name="prefix"/> (« Input »), or above the form.</summary>
    public static void AddRefusals(this ModelStateDictionary state, IEnumerable<Refusal> refusals, string? prefix = null)
    {
        foreach (var r in refusals)
            state.AddModelError(r.Field.Length == 0 ? string.Empty : prefix is null ? r.Field : $"{prefix}.{r.Field}", r.Message);
    }

    /// <summary>The page's answer to a decision that did not succeed (403, or the form again with its reasons); null when it did.</summary>
    public static IActionResult? Unless(this PageModel page, Decision decision, string? prefix = null)
    {
        if (decision.Forbidden) return page.Forbid();
        if (decision.Succeeded) return null;
        page.ModelState.AddRefusals(decision.Refusals, prefix);
        return page.Page();
    }
}
