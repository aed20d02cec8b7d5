using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RqiiacPortail.Web.Modules.Forum.Pages;

internal static class Unseen
{
    /// <summary>
    /// What a reader may not see answers as what does not exist, so that no answer tells one from the other: a
    /// visitor is asked to sign in (it may be for members, and so may an unknown address), a member gets a 404.
    /// </summary>
    public static IActionResult NotForThisReader(this PageModel page) =>
        page.User.Identity?.IsAuthenticated == true ? page.NotFound() : page.Challenge();
}
