using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Sections;

/// <summary>
/// Finds the section a request belongs to, by host name first, then by the first path segment
/// (<c>/lanaudiere/…</c>). A matched prefix moves into <c>PathBase</c>, so routing sees the same addresses in
/// every section and every generated link carries the prefix.
/// </summary>
public sealed class SectionResolutionMiddleware(RequestDelegate next, ISectionCatalog catalog)
{
    public async Task InvokeAsync(HttpContext context, SectionContext section)
    {
        var all = await catalog.GetAllAsync(context.RequestAborted);
        var national = all.FirstOrDefault(s => s.IsNational);
        if (national is null)
        {
            // Before the national recipe has run there is nothing to serve yet.
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        var host = context.Request.Host.Host;
        var byHost = all.FirstOrDefault(s => !s.IsNational && s.HostNames.Contains(host, StringComparer.OrdinalIgnoreCase));
        if (byHost is not null)
        {
            if (!byHost.IsActive) { context.Response.StatusCode = StatusCodes.Status404NotFound; return; }
            section.Current = byHost;
            await next(context);
            return;
        }

        var path = context.Request.Path.Value ?? "/";
        var segmentEnd = path.IndexOf('/', 1);
        var first = segmentEnd < 0 ? path[1..] : path[1..segmentEnd];
        var byPrefix = first.Length == 0 ? null : all.FirstOrDefault(s => !s.IsNational && string.Equals(s.Slug, first, StringComparison.OrdinalIgnoreCase));
        if (byPrefix is null)
        {
            section.Current = national;
            await next(context);
            return;
        }

        if (!byPrefix.IsActive) { context.Response.StatusCode = StatusCodes.Status404NotFound; return; }
        if (segmentEnd < 0)
        {
            // "/lanaudiere" → "/lanaudiere/" so that relative links and cookies behave.
            context.Response.Redirect(context.Request.PathBase + path + "/" + context.Request.QueryString, permanent: true);
            return;
        }

        var originalBase = context.Request.PathBase;
        var originalPath = context.Request.Path;
        context.Request.PathBase = originalBase.Add("/" + byPrefix.Slug);
        context.Request.Path = path[segmentEnd..];
        section.Current = byPrefix;
        try
        {
            await next(context);
        }
        finally
        {
            context.Request.PathBase = originalBase;
            context.Request.Path = originalPath;
        }
    }
}
