using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using RqiiacPortail.Web.Modules.Bulletin.Subscriptions;

namespace RqiiacPortail.Web.Modules.Bulletin.Components;

/// <summary>The bulletin in a member's preferences: receive it at the account's address, or stop.</summary>
[ViewComponent(Name = Name)]
public sealed class AbonnementMembreViewComponent(BulletinSubscriptions subscriptions) : ViewComponent
{
    public const string Name = "AbonnementMembre";

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var user = (ClaimsPrincipal)User;
        if (user.FindFirstValue(ClaimTypes.Email) is not { } email) return Content("");
        var mine = await subscriptions.OfMemberAsync(user.FindFirstValue(ClaimTypes.NameIdentifier)!, email, HttpContext.RequestAborted);
        return View("~/Modules/Bulletin/Components/AbonnementMembre.cshtml", mine);
    }
}
