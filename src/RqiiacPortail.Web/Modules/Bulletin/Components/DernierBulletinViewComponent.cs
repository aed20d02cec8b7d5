using Microsoft.AspNetCore.Mvc;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Bulletin.Components;

/// <summary>The latest issue of the bulletin and its contents, on every home page (the network's bulletin, wherever one reads).</summary>
[ViewComponent(Name = Name)]
public sealed class DernierBulletinViewComponent(BulletinArchive archive) : ViewComponent
{
    public const string Name = "DernierBulletin";

    public async Task<IViewComponentResult> InvokeAsync(SectionInfo section) =>
        View("~/Modules/Bulletin/Components/DernierBulletin.cshtml", (await archive.PublishedAsync(1, HttpContext.RequestAborted)).FirstOrDefault());
}
