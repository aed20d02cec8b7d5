using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using RqiiacPortail.Theme.TagHelpers;
using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.Web.Infrastructure.Caching;

/// <summary>
/// Serves a signed-in reader a <see cref="KeptForReadersAttribute"/> page from the copy kept for their kind of
/// reader, before the page's model is made (none of its reading is done again); otherwise lets the page be made and
/// keeps what the layout handed over. The key holds the reader's kind, the address (host, section prefix, path,
/// query), every cache area's generation and the page's own variations, so a change committed anywhere, a new role or
/// another section is a new copy; nothing is ever evicted by hand.
/// </summary>
internal sealed class KeptPagesFilter(KeptPageStore store, IMemberRoles roles, ContentGenerations generations, IAntiforgery antiforgery,
    IOptions<KeptPagesOptions> options, IModelMetadataProvider metadata, HtmlEncoder encoder, IEnumerable<IPersonalMarks> marks) : IAsyncResourceFilter, IAsyncResultFilter
{
    /// <summary>The view that lays a kept copy into the reader's layout.</summary>
    public const string ViewPath = "~/Modules/_Kept.cshtml";
    private const int MaxQueryLength = 300;
    private static readonly ConcurrentDictionary<Type, KeptForReadersAttribute?> Policies = new();

    /// <summary>
    /// Before the page's model is made or bound: a kept copy saves all of it. Authorization has run already; every
    /// other decision a page takes (its section's features, its handler) depends on what the key holds.
    /// </summary>
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var http = context.HttpContext;
        var request = http.Request;
        var policy = context.ActionDescriptor is CompiledPageActionDescriptor page
            ? Policies.GetOrAdd(page.HandlerTypeInfo, t => t.GetCustomAttribute<KeptForReadersAttribute>()) : null;
        // Only the page's default GET (a named handler is a fragment, a file or a form's answer).
        if (policy is null || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || request.Query.ContainsKey("handler") || context.RouteData.Values.ContainsKey("handler")
            || http.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId
            || request.QueryString.Value?.Length > MaxQueryLength
            || await KeyAsync(http, policy, userId) is not { } key)
        {
            await next();
            return;
        }
        // The token this reader's forms carry (the same for all of them), asked while headers may still be written.
        var token = antiforgery.GetAndStoreTokens(http).RequestToken;
        if (store.Find(key) is { } kept)
        {
            var holds = await KeptMarks.ForAsync(kept, http.User, marks, http.RequestAborted);
            if (policy.Visit is { } visit)
                await ((IKeptPageVisit)ActivatorUtilities.GetServiceOrCreateInstance(http.RequestServices, visit)).VisitedAsync(http, kept.Remembered, http.RequestAborted);
            context.Result = new ViewResult
            {
                ViewName = ViewPath,
                ViewData = new ViewDataDictionary<KeptView>(metadata, context.ModelState) { Model = new KeptView(kept, token, holds) },
            };
            return;
        }
        new KeptCapture(key, TimeSpan.FromSeconds(policy.Seconds), token, encoder).Start(http);
        await next();
    }

    public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        await next();
        var http = context.HttpContext;
        // Kept only as the page made it for a plain reading: a 200 with the page itself (not a redirect, a refusal,
        // a file or the page redrawn with errors).
        if (KeptCapture.Of(http) is { } capture && context.Result is PageResult && http.Response.StatusCode == StatusCodes.Status200OK
            && capture.Page(IconSprite.Used(http)) is { } page)
            store.Keep(capture.Key, page, capture.Lifetime);
    }

    private async Task<string?> KeyAsync(HttpContext http, KeptForReadersAttribute policy, string userId)
    {
        var ct = http.RequestAborted;
        string? reader;
        if (policy.PersonalArea is { } area)
            reader = await generations.PersonalStampAsync(area, userId, ct) is { } personal ? $"@{userId}:{personal}" : null;
        else
            reader = await roles.KindAsync(userId, ct);
        if (reader is null || await generations.StampAllAsync(ct) is not { } stamp) return null;
        string? vary = null;
        if (policy.Vary is { } name && (vary = await options.Value.Vary[name](http)) is null) return null;
        var request = http.Request;
        return string.Join('\n', reader, request.Host.Value, request.PathBase.Value + request.Path.Value + request.QueryString.Value, stamp, vary);
    }
}

/// <summary>A kept page as one reader gets it: their token and their marks in its holes.</summary>
public sealed record KeptView(KeptPage Page, string? Token, Func<KeptHole, bool> Holds)
{
    public IHtmlContent Head => Page.Head.For(Token, Holds);

    public IHtmlContent Body => Page.Body.For(Token, Holds);

    public IHtmlContent Scripts => Page.Scripts.For(Token, Holds);
}

/// <summary>The kept copies, in a memory of their own with a bound (<see cref="KeptPagesOptions.Megabytes"/>).</summary>
internal sealed class KeptPageStore(IOptions<KeptPagesOptions> options) : IDisposable
{
    private readonly MemoryCache _copies = new(new MemoryCacheOptions { SizeLimit = options.Value.Megabytes * 1024L * 1024L });
    private long _served;

    /// <summary>How many readers got a kept copy since the start (what the copies save, for a look at their use).</summary>
    public long Served => Interlocked.Read(ref _served);

    public KeptPage? Find(string key)
    {
        if (!_copies.TryGetValue(key, out KeptPage? page)) return null;
        Interlocked.Increment(ref _served);
        return page;
    }

    public void Keep(string key, KeptPage page, TimeSpan lifetime) =>
        _copies.Set(key, page, new MemoryCacheEntryOptions { Size = page.Size, AbsoluteExpirationRelativeToNow = lifetime });

    public void Dispose() => _copies.Dispose();
}
