using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RqiiacPortail.Web.Infrastructure.Web;

/// <summary>
/// What the error page says instead of its general message, when the page that refused knows better (« Ce sujet est
/// réservé aux membres de la section Lanaudière »). Kept in the request's items: the error page is re-executed in
/// the same request.
/// </summary>
public sealed record ErrorExplanation(string Title, string Message, string? LinkHref = null, string? LinkText = null)
{
    private const string Key = "rqiiac.error-explanation";

    public static ErrorExplanation? Of(HttpContext context) => context.Items.TryGetValue(Key, out var value) ? value as ErrorExplanation : null;

    public void AttachTo(HttpContext context) => context.Items[Key] = this;
}

public static class ErrorExplanations
{
    /// <summary>Answers <paramref name="status"/> with the site's error page, saying <paramref name="explanation"/>.</summary>
    public static IActionResult Explained(this PageModel page, int status, ErrorExplanation explanation)
    {
        explanation.AttachTo(page.HttpContext);
        return new StatusCodeResult(status);
    }
}
