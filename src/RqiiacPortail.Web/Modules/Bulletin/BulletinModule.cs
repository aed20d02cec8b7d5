using RqiiacPortail.Web.Infrastructure.Caching;
using RqiiacPortail.Web.Infrastructure.Recipes;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Search.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Bulletin;

/// <summary>
/// The liaison bulletin « Inter Action Communautaire »: the board's numbered issues, their public archive and Atom
/// feed. (Writing, subscriptions and the send come next: see issue 25.)
/// </summary>
public static class BulletinModule
{
    public const string Area = "bulletin";

    public static IHostApplicationBuilder AddBulletin(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<BulletinArchive>();
        services.AddCacheArea(Area, typeof(BulletinIssue), typeof(BulletinArticle));
        services.AddRecipeStep<BulletinRecipeStep>();
        services.AddSearchSource<BulletinSearchSource>();
        services.AddReservedSegment("bulletin");
        services.AddNavigationItem(new NavigationItem("Bulletin", "bulletin", 35));
        services.AddHomeBlock(Components.DernierBulletinViewComponent.Name, 40);
        services.AddModuleEndpoints("bulletin", app =>
            app.MapGet("/bulletin/atom.xml", async (BulletinArchive archive, PublicUrls urls, CancellationToken ct) =>
                Results.Bytes(BulletinFeed.Write(await archive.PublishedAsync(BulletinFeed.Entries, ct), urls), "application/atom+xml; charset=utf-8")));
        return builder;
    }
}
