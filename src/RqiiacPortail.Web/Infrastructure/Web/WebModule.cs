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

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Per address *and* account typed: one office's shared address does not lock a whole team out, and
            // the global limiter below still caps what one address may try across accounts.
            o.AddPolicy(SignInPolicy, ctx => PostsByClient(ctx, $"{SignInPolicy}:{AccountTyped(ctx)}", Limit(ctx, "SignInPerMinute", 10), TimeSpan.FromMinutes(1)));
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
                ctx.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>()?.PolicyName == SignInPolicy
                    ? PostsByClient(ctx, SignInPolicy + "-adresse", Limit(ctx, "SignInPerMinutePerAddress", 60), TimeSpan.FromMinutes(1))
                    : RateLimitPartition.GetNoLimiter("aucune"));
            o.AddPolicy(PostingPolicy, ctx => PostsByClient(ctx, PostingPolicy, Limit(ctx, "PostsPerMinute", 20), TimeSpan.FromMinutes(1)));
            // Searches are reads, but each costs the index real work: counted too, per client address.
            o.AddPolicy(SearchPolicy, ctx => RateLimitPartition.GetFixedWindowLimiter($"{SearchPolicy}:{ctx.Connection.RemoteIpAddress}", _ =>
                new FixedWindowRateLimiterOptions { PermitLimit = Limit(ctx, "SearchesPerMinute", 60), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            // No body here: the status-code pages render the French 429 page in the section's layout.
            o.OnRejected = (ctx, _) =>
            {
                ctx.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
        });
        return builder;
    }

    // Read from the form SmallFormPreload has already buffered (never a synchronous read of the body).
    private static string AccountTyped(HttpContext ctx) =>
        ctx.Request.HasFormContentType && ctx.Features.Get<Microsoft.AspNetCore.Http.Features.IFormFeature>()?.Form is { } form
            ? ((string?)form["Input.Email"] ?? (string?)form["Email"] ?? "").Trim().ToUpperInvariant()
            : "";

    private static int Limit(HttpContext ctx, string key, int defaultValue) =>
        ctx.RequestServices.GetRequiredService<IConfiguration>().GetValue($"RateLimits:{key}", defaultValue);

    // Only submissions count: reading the form again is never limited.
    private static RateLimitPartition<string> PostsByClient(HttpContext ctx, string policy, int permits, TimeSpan window) =>
        HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method)
            ? RateLimitPartition.GetNoLimiter("lecture")
            : RateLimitPartition.GetFixedWindowLimiter($"{policy}:{ctx.Connection.RemoteIpAddress}", _ =>
                new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 });
}
