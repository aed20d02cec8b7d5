using System.Security.Claims;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Authorization;
using RqiiacPortail.Theme;
using RqiiacPortail.Web.Infrastructure.Admin;
using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Modules.Notifications.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Infrastructure.Web;

/// <summary>Composes what the theme's layout shows from the current section, the person and the modules' menus.</summary>
internal sealed class PortalLayout(
    IHttpContextAccessor http,
    ISectionContext section,
    IAuthorizationService authorization,
    IEnumerable<NavigationItem> navigation,
    IEnumerable<AdminMenuItem> adminMenu,
    INotificationCounter notifications,
    IEnumerable<LayoutScript> scripts,
    IEnumerable<AccountLink> accountLinks,
    Microsoft.Extensions.Options.IOptions<LayoutOptions> options) : IPortalLayout
{
    private LayoutModel? _model;

    public async Task<LayoutModel> GetAsync() => _model ??= await BuildAsync();

    public IHtmlContent Keep(string part, IHtmlContent? content) =>
        Caching.KeptCapture.Of(http.HttpContext) is { } capture ? capture.Take(part, content) : content ?? HtmlString.Empty;

    public void KeepTitle(string? title)
    {
        if (Caching.KeptCapture.Of(http.HttpContext) is { } capture) capture.Title = title;
    }

    private async Task<LayoutModel> BuildAsync()
    {
        var context = http.HttpContext!;
        var current = section.Current;
        var prefix = context.Request.PathBase.Value ?? "";
        var home = prefix + "/";
        var user = context.User;
        var signedIn = user.Identity?.IsAuthenticated == true;
        var path = context.Request.Path.Value ?? "/";

        var links = new List<NavLink> { new("Accueil", home, path == "/") };
        foreach (var item in navigation.OrderBy(n => n.Order))
        {
            if (item.SectionFeature is not null && !current.Enables(item.SectionFeature)) continue;
            if (item.Permission is not null && !await authorization.CanAsync(user, item.Permission)) continue;
            links.Add(new NavLink(item.Label, $"{prefix}/{item.Path}", path.StartsWith("/" + item.Path, StringComparison.Ordinal)));
        }

        var account = new List<NavLink>();
        if (signedIn)
        {
            account.Add(new NavLink("Mon compte", $"{prefix}/compte", path == "/compte" || path.StartsWith("/compte/", StringComparison.Ordinal)));
            foreach (var link in accountLinks.OrderBy(l => l.Order))
                if (link.SectionFeature is null || current.Enables(link.SectionFeature))
                    account.Add(new NavLink(link.Label, $"{prefix}/{link.Path}", path == "/" + link.Path));
            foreach (var item in adminMenu)
            {
                if (!await authorization.CanAsync(user, item.Permission)) continue;
                account.Add(new NavLink("Administration", $"{prefix}/admin"));
                break;
            }
        }
        else
        {
            var returnUrl = Uri.EscapeDataString(prefix + path + context.Request.QueryString);
            account.Add(new NavLink("Se connecter", $"{prefix}/compte/connexion?returnUrl={returnUrl}"));
            account.Add(new NavLink("Devenir membre", $"{prefix}/compte/inscription"));
        }

        return new LayoutModel(
            SiteName: "RQIIAC",
            SectionName: current.IsNational ? "Portail national" : current.Name,
            IsNational: current.IsNational,
            HomeHref: home,
            NationalHref: "/",
            AccentColor: current.AccentColor,
            Navigation: links,
            Account: account,
            UserDisplayName: signedIn ? user.FindFirstValue("display_name") ?? user.Identity!.Name : null,
            SignOutAction: signedIn ? $"{prefix}/compte/deconnexion" : null,
            SearchAction: options.Value.SearchPath is { } search ? $"{prefix}/{search}" : null,
            Bell: signedIn ? new Bell($"{prefix}/notifications", await notifications.UnreadAsync(user.FindFirstValue(ClaimTypes.NameIdentifier)!), $"{prefix}/hubs/notifications") : null,
            Scripts: signedIn ? scripts.OrderBy(s => s.Order).Select(s => $"{prefix}/{s.Path}").ToList() : [],
            Flash: Flash.Take(context));
    }
}
