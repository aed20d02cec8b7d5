using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace RqiiacPortail.Web.Infrastructure.Web;

/// <summary>
/// What an action did, said on the page its redirect leads to (« Outil publié. »), once: kept in TempData across
/// the redirect and shown by the layout in a live region that screen readers announce.
/// </summary>
public static class Flash
{
    private const string Key = "flash";

    public static void Say(this PageModel page, string message) => page.TempData[Key] = message;

    /// <summary>The message left for this request, taken (it is shown once).</summary>
    public static string? Take(HttpContext context) =>
        context.RequestServices.GetService<ITempDataDictionaryFactory>()?.GetTempData(context)[Key] as string;
}
