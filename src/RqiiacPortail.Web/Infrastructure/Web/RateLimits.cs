using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace RqiiacPortail.Web.Infrastructure.Web;

/// <summary>
/// The site's rate limits. The limiter runs after authentication (<see cref="PortalHost"/>'s pipeline), so that a
/// member's policy knows the member: before it, every member fell into the bucket of nobody.
/// </summary>
public static class RateLimits
{
    /// <summary>The per-address cap on top of every per-member posting policy (an office's address: several members).</summary>
    public const string MemberPostsPerAddressKey = "MemberPostsPerMinutePerAddress";

    public const int MemberPostsPerAddressDefault = 60;

    /// <summary>The names of the per-member posting policies, which the global limiter caps per address too.</summary>
    private sealed class MemberPolicies
    {
        public HashSet<string> Names { get; } = [];
    }

    internal static void Add(IServiceCollection services)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Per address *and* account typed: one office's shared address does not lock a whole team out, and
            // the global limiter below still caps what one address may try across accounts.
            o.AddPolicy(WebModule.SignInPolicy, ctx => PostsByClient(ctx, $"{WebModule.SignInPolicy}:{AccountTyped(ctx)}", Limit(ctx, "SignInPerMinute", 10), TimeSpan.FromMinutes(1)));
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
            {
                var policy = ctx.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
                if (policy == WebModule.SignInPolicy)
                    return PostsByClient(ctx, WebModule.SignInPolicy + "-adresse", Limit(ctx, "SignInPerMinutePerAddress", 60), TimeSpan.FromMinutes(1));
                return policy is not null && ctx.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<MemberPolicies>>().Value.Names.Contains(policy)
                    ? PostsByClient(ctx, "membres-adresse", Limit(ctx, MemberPostsPerAddressKey, MemberPostsPerAddressDefault), TimeSpan.FromMinutes(1))
                    : RateLimitPartition.GetNoLimiter("aucune");
            });
            o.AddPolicy(WebModule.PostingPolicy, ctx => PostsByClient(ctx, WebModule.PostingPolicy, Limit(ctx, "PostsPerMinute", 20), TimeSpan.FromMinutes(1)));
            // Searches are reads, but each costs the index real work: counted too, per client address.
            o.AddPolicy(WebModule.SearchPolicy, ctx => RateLimitPartition.GetFixedWindowLimiter($"{WebModule.SearchPolicy}:{ctx.Connection.RemoteIpAddress}", _ =>
                new FixedWindowRateLimiterOptions { PermitLimit = Limit(ctx, "SearchesPerMinute", 60), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            // No body here: the status-code pages render the French 429 page in the section's layout.
            o.OnRejected = (ctx, _) =>
            {
                ctx.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
        });
    }

    /// <summary>
    /// A posting policy counted per member (<c>RateLimits:{limitKey}</c> a minute), and per address under
    /// <see cref="MemberPostsPerAddressKey"/>; a visitor's posts count per address. Reading is never limited.
    /// </summary>
    public static IServiceCollection AddMemberPostingPolicy(this IServiceCollection services, string policy, string limitKey, int defaultLimit)
    {
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(policy, ctx =>
            ctx.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } member
                ? PostsByClient(ctx, $"{policy}:{member}", Limit(ctx, limitKey, defaultLimit), TimeSpan.FromMinutes(1), byAddress: false)
                : PostsByClient(ctx, policy, Limit(ctx, limitKey, defaultLimit), TimeSpan.FromMinutes(1))));
        services.Configure<MemberPolicies>(o => o.Names.Add(policy));
        return services;
    }

    // Read from the form SmallFormPreload has already buffered (never a synchronous read of the body).
    private static string AccountTyped(HttpContext ctx) =>
        ctx.Request.HasFormContentType && ctx.Features.Get<Microsoft.AspNetCore.Http.Features.IFormFeature>()?.Form is { } form
            ? ((string?)form["Input.Email"] ?? (string?)form["Email"] ?? "").Trim().ToUpperInvariant()
            : "";

    private static int Limit(HttpContext ctx, string key, int defaultValue) =>
        ctx.RequestServices.GetRequiredService<IConfiguration>().GetValue($"RateLimits:{key}", defaultValue);

    // Only submissions count: reading the form again is never limited.
    private static RateLimitPartition<string> PostsByClient(HttpContext ctx, string key, int permits, TimeSpan window, bool byAddress = true) =>
        HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method)
            ? RateLimitPartition.GetNoLimiter("lecture")
            : RateLimitPartition.GetFixedWindowLimiter(byAddress ? $"{key}:{ctx.Connection.RemoteIpAddress}" : key, _ =>
                new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 });
}
