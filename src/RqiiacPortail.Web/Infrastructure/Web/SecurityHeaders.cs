using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using RqiiacPortail.Theme;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Infrastructure.Web;

/// <summary>
/// The headers every response carries: a Content-Security-Policy that lets a page run only the portal's own
/// scripts and styles (and the layout's one inline style, the section's accent colour, by its hash), connect only
/// to itself (SignalR included), and never be framed; no MIME sniffing; referrers kept to the site.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    // A hash rather than a per-request nonce: the same page for every anonymous visitor can then be kept whole.
    private static readonly ConcurrentDictionary<string, string> Hashes = new();

    public static string StyleHash(string accentColor) => Hashes.GetOrAdd(accentColor, colour =>
        $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(AccentStyle.Css(colour))))}'");

    private const string FramedPreviewKey = "rqiiac:apercu-encadre";

    /// <summary>
    /// This response is an e-mail shown in a frame of the portal's own page (the bulletin's preview): no script at
    /// all, its inline styles allowed (a message's CSS is inline by nature), framed by the portal alone.
    /// </summary>
    public static void AllowFramedPreview(HttpContext context) => context.Items[FramedPreviewKey] = true;

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            // The section is known by the time the response starts (after the section middleware has run).
            var accent = context.RequestServices.GetService<ISectionContext>() is { } section && section.IsResolved ? section.Current.AccentColor : null;
            var style = accent is null ? "" : " " + StyleHash(accent);
            var headers = context.Response.Headers;
            if (context.Items.ContainsKey(FramedPreviewKey))
            {
                // No script of any origin (default-src 'none'), so no sandbox attribute is needed (axe and the browser's tools
                // can still read the frame); styles inline, as a message's are.
                headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: data:; form-action 'none'; frame-ancestors 'self'";
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "SAMEORIGIN";
                headers["Referrer-Policy"] = "no-referrer";
                return Task.CompletedTask;
            }
            headers.ContentSecurityPolicy =
                $"default-src 'self'; script-src 'self'; style-src 'self'{style}; img-src 'self' data:; " +
                "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
