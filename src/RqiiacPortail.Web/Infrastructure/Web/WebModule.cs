using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Razor;
using RqiiacPortail.Theme;
using RqiiacPortail.Web.Infrastructure.Text;

namespace RqiiacPortail.Web.Infrastructure.Web;

/// <summary>The shell every module's pages share: Razor Pages, theme, French culture, error pages, rate limits.</summary>
public static class WebModule
{
    /// <summary>Rate-limit policy for sign-in and other credential forms (per client address).</summary>
    public const string SignInPolicy = "connexion";

    /// <summary>Rate-limit policy for forms that create content or accounts (per client address).</summary>
    public const string PostingPolicy = "publication";

    /// <summary>Rate-limit policy for searches, reading included (per client address).</summary>
    public const string SearchPolicy = "recherche";

    public static IHostApplicationBuilder AddPortalWeb(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorPages(o =>
            {
                // Pages live in their module's folder and declare their public French address with @page "/…".
                o.RootDirectory = "/Modules";
                o.Conventions.ConfigureFilter(new UnprocessableOnInvalidModelFilter());
                o.Conventions.ConfigureFilter(new UnknownHandlerFilter());
                // Signed-in readers' pages kept per kind of reader (KeptForReadersAttribute).
                o.Conventions.ConfigureFilter(new Microsoft.AspNetCore.Mvc.ServiceFilterAttribute(typeof(Caching.KeptPagesFilter)));
            })
            .AddMvcOptions(o => FrenchModelBinding.Apply(o.ModelBindingMessageProvider))
            .AddViewOptions(o => o.ClientModelValidatorProviders.Add(new FrenchImplicitRequired()));
        services.Configure<RazorViewEngineOptions>(o => o.ViewLocationExpanders.Add(new ThemeViewLocationExpander()));
        ReusedAntiforgeryTokens.Decorate(services);
        // French text goes out as UTF-8 rather than as &#xE9; entities: lighter pages, readable sources.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddHttpContextAccessor();
        services.Configure<RouteOptions>(o => o.ConstraintMap[IdSlugConstraint.Name] = typeof(IdSlugConstraint));
        services.AddScoped<IPortalLayout, PortalLayout>();
        services.AddScoped<PublicUrls>();
        // The flash message survives a redirect from one section's prefix to another's.
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.Name = Flash.CookieName;
            o.Cookie.Path = "/";
        });
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<RenderedMarkdown>();
        services.AddSingleton(TimeProvider.System);

        services.AddRequestLocalization(o =>
        {
            var fr = new CultureInfo("fr-CA");
            o.DefaultRequestCulture = new RequestCulture(fr);
            o.SupportedCultures = o.SupportedUICultures = [fr];
            o.RequestCultureProviders.Clear();
        });

        // X-Forwarded-* says who the client is and which address it asked for: believed only from the proxies
        // named in Portal:TrustedProxies (none by default), never from any private or loopback address, or
        // anyone could pick their own address for the rate limits and their own host for the links.
        services.AddOptions<ForwardedHeadersOptions>().Configure<Microsoft.Extensions.Options.IOptions<PortalOptions>>((o, portal) =>
        {
            // With both lists empty the middleware would believe everyone: no proxy named, no header read at all.
            o.ForwardedHeaders = portal.Value.TrustedProxies.Count == 0 ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // the older list still holds 127.0.0.0/8 and is still read
            o.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            foreach (var proxy in portal.Value.TrustedProxies)
            {
                if (proxy.Contains('/')) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
                else o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });

        RateLimits.Add(services);
        LiveAccess.Add(services);
        return builder;
    }
}
