using Microsoft.Extensions.Options;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Infrastructure.Web;

/// <summary>
/// Absolute addresses for what leaves the site: e-mails (confirmation, password reset, notifications,
/// unsubscribe headers) and feeds. They start with <see cref="PortalOptions.PublicUrl"/>, or with a section's own
/// configured host name when the request came through it — never with whatever the request's Host or
/// X-Forwarded-Host says, or a forged header would send a victim's reset token to the attacker's server.
/// </summary>
public sealed class PublicUrls(IOptions<PortalOptions> portal, IHttpContextAccessor http)
{
    /// <summary>An address from the site's root (<c>/lanaudiere/outils/12</c>, <c>/notifications/3</c>).</summary>
    public string Absolute(string path) => Origin() + Rooted(path);

    /// <summary>An address under the current request's section (its prefix, or its own host name).</summary>
    public string InSection(string relativePath)
    {
        var request = http.HttpContext?.Request;
        if (request is null) return Absolute(relativePath);
        // PathBase holds only the section prefix the resolution matched against known slugs: safe to repeat.
        return Origin() + request.PathBase + Rooted(relativePath);
    }

    private string Origin()
    {
        var configured = new Uri((portal.Value.PublicUrl is { Length: > 0 } url ? url : PortalOptions.FallbackUrl).TrimEnd('/') + "/");
        var context = http.HttpContext;
        var host = context?.Request.Host.Host;
        var section = context?.RequestServices.GetService<ISectionContext>()?.Current;
        if (host is not null && section is { IsNational: false } && section.HostNames.Contains(host, StringComparer.OrdinalIgnoreCase))
            return $"{configured.Scheme}://{host}";
        return configured.GetLeftPart(UriPartial.Authority) + configured.AbsolutePath.TrimEnd('/');
    }

    private static string Rooted(string path) => path.StartsWith('/') ? path : "/" + path;
}
