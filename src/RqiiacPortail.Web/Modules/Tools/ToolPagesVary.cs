using System.Security.Claims;
using RqiiacPortail.Web.Infrastructure.Caching;
using RqiiacPortail.Web.Infrastructure.Web;

namespace RqiiacPortail.Web.Modules.Tools;

/// <summary>
/// What the tools' pages kept for a kind of reader also depend on: authorship. An author sees and may change their
/// own tools whatever their roles, so an author's copy is theirs alone; other readers of a kind share one.
/// </summary>
internal static class ToolPagesVary
{
    /// <summary>The library: the same for a kind of reader, unless the reader shared one of its tools.</summary>
    public const string Library = "outils-bibliotheque";

    /// <summary>A tool's page: kept only for a published tool, its author's copy apart.</summary>
    public const string OneTool = "outils-fiche";

    public static void Register(KeptPagesOptions options)
    {
        options.Vary[Library] = async context =>
            Reader(context) is { } id && (await Catalog(context)).HasAuthor(id) ? "auteur:" + id : "";
        options.Vary[OneTool] = async context =>
        {
            // The address matched the id-slug constraint before any filter ran.
            if (context.GetRouteValue("cle") is not string key || (await Catalog(context)).Find(IdSlugConstraint.Id(key)) is not { } tool) return null;
            return Reader(context) is { } id && tool.CreatedById == id ? "auteur:" + id : "";
        };
    }

    private static string? Reader(HttpContext context) => context.User.FindFirstValue(ClaimTypes.NameIdentifier);

    private static Task<ToolCatalog.Snapshot> Catalog(HttpContext context) =>
        context.RequestServices.GetRequiredService<ToolCatalog>().PublishedAsync(context.RequestAborted);
}
