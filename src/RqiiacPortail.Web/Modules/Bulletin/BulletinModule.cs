using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using RqiiacPortail.Web.Infrastructure.Caching;
using RqiiacPortail.Web.Infrastructure.Events;
using RqiiacPortail.Web.Infrastructure.Files;
using RqiiacPortail.Web.Infrastructure.Privacy;
using RqiiacPortail.Web.Infrastructure.Recipes;
using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Bulletin.Sending;
using RqiiacPortail.Web.Modules.Bulletin.Subscriptions;
using RqiiacPortail.Web.Modules.Bulletin.Writing;
using RqiiacPortail.Web.Modules.Notifications.Contracts;
using RqiiacPortail.Web.Modules.Search.Contracts;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Bulletin;

/// <summary>
/// The liaison bulletin « Inter Action Communautaire »: the board writes numbered issues (Writing), readers find
/// them in the public archive and its Atom feed, the public and the members subscribe (Subscriptions), and
/// publishing sends each issue to every confirmed subscriber with a ledger of who received it (Sending).
/// </summary>
public static class BulletinModule
{
    public const string Area = "bulletin";

    /// <summary>The bulletin's forms, counted per member (a visitor's per address): <c>RateLimits:BulletinPostsPerMinute</c>.</summary>
    public const string PostingPolicy = "bulletin-membre";
    public const int PostsPerMinute = 30;

    public const int MaxImageMb = 5, MaxImagesPerPost = 10, MaxPdfMb = 40;

    /// <summary>A form of the board's: ten images, or one past issue's PDF, and the text.</summary>
    public const long MaxRequestBytes = (MaxImageMb * MaxImagesPerPost + 2) * 1024L * 1024;

    /// <summary>An article's image: a PNG or a JPEG by its bytes, within its size.</summary>
    public static (IncomingFile? File, string? Error) CheckImage(IFormFile upload, FileIntake intake, CancellationToken ct)
    {
        var name = Path.GetFileName(upload.FileName);
        if (upload.Length > MaxImageMb * 1024L * 1024) return (null, $"« {name} » dépasse {MaxImageMb} Mo : réduisez l'image.");
        var (file, error) = intake.Check(upload.FileName, upload.OpenReadStream(), ct);
        if (error is not null) return (null, error);
        return file!.Kind == FileInspector.Png || file.Kind == FileInspector.Jpeg ? (file, null) : (null, $"« {name} » n'est pas une image PNG ou JPEG.");
    }

    public static IHostApplicationBuilder AddBulletin(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddMemberPostingPolicy(PostingPolicy, "BulletinPostsPerMinute", PostsPerMinute);
        services.AddScoped<BulletinArchive>();
        services.AddScoped<BulletinEditor>();
        services.AddScoped<BulletinSubscriptions>();
        services.AddScoped<BulletinMail>();
        services.AddScoped<BulletinPublisher>();
        services.AddScoped<BulletinLedger>();
        services.AddEventHandler<BulletinSendStarted, BulletinDeliveries>();
        services.AddHostedService<BulletinJobs>();
        services.AddPersonalData<BulletinPersonalData>();
        services.AddScoped<IStoredFileReferences, BulletinFileReferences>();
        services.AddCacheArea(Area, typeof(BulletinIssue), typeof(BulletinArticle));
        services.AddRecipeStep<BulletinRecipeStep>();
        services.AddSearchSource<BulletinSearchSource>();
        services.AddTermUsage<BulletinTermUsage>();
        services.AddReservedSegment("bulletin");
        services.AddNavigationItem(new NavigationItem("Bulletin", "bulletin", 35));
        services.AddHomeBlock(Components.DernierBulletinViewComponent.Name, 40);
        services.AddHomeBlock(Components.AbonnementBulletinViewComponent.Name, 41);
        services.AddPreferenceBlock(Components.AbonnementMembreViewComponent.Name, 10);
        services.AddModuleEndpoints("bulletin", app =>
        {
            app.MapGet("/bulletin/atom.xml", async (BulletinArchive archive, PublicUrls urls, CancellationToken ct) =>
                Results.Bytes(BulletinFeed.Write(await archive.PublishedAsync(BulletinFeed.Entries, ct), urls), "application/atom+xml; charset=utf-8"));
            // An article's image: anyone's once its issue is out, the board's before.
            app.MapGet("/bulletin/images/{id:int}/{name}", async (int id, ClaimsPrincipal user, BulletinEditor editor, IAuthorizationService authorization,
                HttpResponse response, CancellationToken ct) =>
            {
                var board = await authorization.CanAsync(user, BulletinPermissions.Publish);
                if (await editor.OpenImageAsync(id, board, ct) is not { } found) return Results.NotFound();
                response.Headers.CacheControl = board ? "private, no-cache" : "public, max-age=86400";
                response.Headers.XContentTypeOptions = "nosniff";
                return Results.Stream(found.Content, found.Image.ContentType, enableRangeProcessing: true);
            });
            app.MapGet("/bulletin/{numero:int}/pdf", async (int numero, ClaimsPrincipal user, BulletinEditor editor, IAuthorizationService authorization,
                CancellationToken ct) =>
            {
                var board = await authorization.CanAsync(user, BulletinPermissions.Publish);
                if (await editor.OpenPdfAsync(numero, board, ct) is not { } pdf) return Results.NotFound();
                return Results.Stream(pdf.Content, "application/pdf", pdf.Name, enableRangeProcessing: true);
            });
        });
        return builder;
    }
}
