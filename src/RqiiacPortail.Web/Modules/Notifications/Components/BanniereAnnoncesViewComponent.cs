using Microsoft.AspNetCore.Mvc;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Notifications.Components;

/// <summary>The announcements whose banner still shows, at the top of a home page (the members' ones to members only).</summary>
[ViewComponent(Name = Name)]
public sealed class BanniereAnnoncesViewComponent(Announcements announcements) : ViewComponent
{
    public const string Name = "BanniereAnnonces";

    public async Task<IViewComponentResult> InvokeAsync(SectionInfo section)
    {
        var banners = await announcements.BannersAsync(section, User.Identity?.IsAuthenticated == true, HttpContext.RequestAborted);
        return banners.Count == 0 ? Content("") : View("~/Modules/Notifications/Components/BanniereAnnonces.cshtml", banners);
    }
}
