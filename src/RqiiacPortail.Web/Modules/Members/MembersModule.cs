using RqiiacPortail.Web.Modules.Sections.Contracts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Infrastructure.Caching;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Admin;
using RqiiacPortail.Web.Infrastructure.Privacy;
using RqiiacPortail.Web.Infrastructure.Recipes;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Notifications.Contracts;
using Microsoft.AspNetCore.Authorization;

namespace RqiiacPortail.Web.Modules.Members;

/// <summary>Accounts, membership applications, roles and permissions.</summary>
public static class MembersModule
{
    public static readonly NotificationKind MembershipKind = new("adhesion", "Mon adhésion et mes rôles", Delivery.Email);
    public static readonly NotificationKind ApplicationToReviewKind = new("demande-a-examiner", "Demandes d'adhésion à examiner (coordination)", Delivery.Site);

    public const string MembersOnlyPolicy = Policies.MembersOnly;

    /// <summary>The sign-in cookie's name (one for the whole site, path « / »).</summary>
    public const string SessionCookie = "rqiiac.session";

    public static IHostApplicationBuilder AddMembers(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddIdentity<PortalUser, IdentityRole>(o =>
            {
                // Sign-in waits for the confirmed address and the region's approval (MemberConfirmation).
                o.SignIn.RequireConfirmedAccount = true;
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<FrenchIdentityErrorDescriber>()
            .AddClaimsPrincipalFactory<PortalClaimsFactory>();
        services.AddScoped<IUserConfirmation<PortalUser>, MemberConfirmation>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<SessionRevocations>();
        services.AddScoped<MemberSessions>();
        services.AddOptions<MembersOptions>().BindConfiguration(MembersOptions.Section);
        services.AddHostedService<NameKeyBackfill>();
        services.AddSingleton<UnconfirmedApplicationsCleanup>();
        services.AddHostedService(sp => sp.GetRequiredService<UnconfirmedApplicationsCleanup>());

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = SessionCookie;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/compte/connexion";
            o.LogoutPath = "/compte/deconnexion";
            o.AccessDeniedPath = "/compte/acces-refuse";
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            o.Events.OnValidatePrincipal = SessionRevocations.ValidatePrincipalAsync;
            // A signed-in person refused a page gets a plain 403 (rendered by the error page), not a redirect.
            o.Events.OnRedirectToAccessDenied = ctx => { ctx.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
            // Scripts and hub clients get a 401 they can act on, not a redirect to an HTML sign-in page.
            o.Events.OnRedirectToLogin = ctx =>
            {
                if (ctx.Request.Path.StartsWithSegments("/hubs")) ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                else ctx.Response.Redirect(ctx.RedirectUri);
                return Task.CompletedTask;
            };
        });
        // One sign-in for the whole network: every cookie holds for the site's root, whatever section prefix
        // (PathBase) the request came through, so signing in or out under /lanaudiere/ counts under / and /laval/.
        services.PostConfigureAll<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(o => o.Cookie.Path = "/");
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "rqiiac.antiforgery";
            o.Cookie.Path = "/";
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(5));

        services.AddScoped<MemberRoles>();
        // What a member may do changes with a grant, a national role, or their account's status (not at each sign-in).
        services.AddCacheArea(new CacheArea(MemberRoles.Area, [typeof(SectionRole), typeof(IdentityUserRole<string>), typeof(IdentityRole), typeof(PortalUser)],
            entry => entry.Entity is not PortalUser || entry.State != EntityState.Modified || entry.Property(nameof(PortalUser.Status)).IsModified));
        services.AddScoped<IMemberRoles>(sp => sp.GetRequiredService<MemberRoles>());
        services.AddScoped<IAuthorizationHandler, PermissionHandler>();
        services.AddScoped<MembershipService>();
        services.AddScoped<RoleGrants>();
        services.AddScoped<MemberDirectory>();
        services.AddScoped<IMemberDirectory>(sp => sp.GetRequiredService<MemberDirectory>());
        services.AddScoped<MemberPrivacy>();
        services.AddScoped<RoleScope>();
        services.AddScoped<MemberAdministration>();
        services.AddScoped<IAudiences, AudienceResolver>();
        services.AddScoped<IAudienceKind, MemberAudiences>();
        services.AddPersonalData<MemberPersonalData>();
        services.AddAuthorizationBuilder()
            .AddPolicy(MembersOnlyPolicy, p => p.RequireAuthenticatedUser().AddRequirements(new Infrastructure.Security.PermissionRequirement(MembersPermissions.ViewMembersArea)));

        services.AddRecipeStep<SampleAccountsRecipeStep>();
        services.AddNavigationItem(new NavigationItem("Membres", "membres", 90, Permission: MembersPermissions.ViewMembersArea));
        services.AddReservedSegment("compte");
        services.AddReservedSegment("membres");
        services.AddAdminBadge<WaitingApplicationsBadge>();
        services.AddNotificationKind(MembershipKind);
        services.AddNotificationKind(ApplicationToReviewKind);
        services.AddAdminMenuItem(new AdminMenuItem("Demandes d'adhésion", "Examiner les demandes des personnes de votre région.", "admin/demandes", MembersPermissions.ReviewApplications, 20));
        services.AddAdminMenuItem(new AdminMenuItem("Membres et rôles", "Chercher un membre, attribuer ou retirer des rôles.", "admin/membres", MembersPermissions.ManageSectionRoles, 30));
        return builder;
    }
}
