using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace RqiiacPortail.Web.Infrastructure.Web;

/// <summary>
/// What an action did, said on the page its redirect leads to (« Outil publié. »), once: kept in TempData across
/// the redirect and shown by the layout in a live region that screen readers announce.
/// </summary>
public static class Flash
{
    /// <summary>The TempData cookie: a request carrying it gets a page of its own (never one kept for everybody).</summary>
    public const string CookieName = "rqiiac.message";

    private const string Key = "flash";
    private static readonly object SaidHere = new();

    public static void Say(this PageModel page, string message)
    {
        page.TempData[Key] = message;
        page.HttpContext.Items[SaidHere] = true;
    }

    /// <summary>The message left for this request, taken (it is shown once).</summary>
    /// <remarks>
    /// TempData is not even opened when there can be no message: opened, it answers with a cookie deletion, and a
    /// response that sets a cookie cannot be kept by the output cache.
    /// </remarks>
    public static string? Take(HttpContext context) =>
        context.Request.Cookies.ContainsKey(CookieName) || context.Items.ContainsKey(SaidHere)
            ? context.RequestServices.GetService<ITempDataDictionaryFactory>()?.GetTempData(context)[Key] as string
            : null;
}
