using Microsoft.AspNetCore.Mvc;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Bulletin.Components;

/// <summary>The subscription box of the national home (the network's bulletin is subscribed to there).</summary>
[ViewComponent(Name = Name)]
public sealed class AbonnementBulletinViewComponent : ViewComponent
{
    public const string Name = "AbonnementBulletin";

    public IViewComponentResult Invoke(SectionInfo section) =>
        section.IsNational ? View("~/Modules/Bulletin/Components/AbonnementBulletin.cshtml") : Content("");
}
