using System.Security.Claims;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace RqiiacPortail.Web.Infrastructure.Caching;

/// <summary>
/// A module's kinds of a member's own marks on shared content (« this thread has replies they have not read », « they
/// follow this category »), asked for all the keys a page shows at once, in one statement, as the page is given from
/// a copy kept for the member's kind. A module registers its marks with <see cref="KeptMarks.AddPersonalMarks{T}"/>.
/// </summary>
public interface IPersonalMarks
{
    IReadOnlyCollection<string> Names { get; }

    /// <summary>For each mark asked (by name, with the keys the page shows), the keys it holds for, for this member.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> HoldingAsync(string userId, ILookup<string, string> asked, CancellationToken ct);
}

/// <summary>
/// What reading a kept page does besides showing it (the thread page moves the reader's read mark), named by the
/// page's <see cref="KeptForReadersAttribute.Visit"/>: run when a reader gets the copy, with what the page
/// remembered as it was made (<see cref="KeptMarks.Remember"/>). The page itself does the same when it is made.
/// </summary>
public interface IKeptPageVisit
{
    Task VisitedAsync(HttpContext context, string? remembered, CancellationToken ct);
}

public static class KeptMarks
{
    /// <summary>Remembers a value with the copy being made of this page, given back to <see cref="IKeptPageVisit"/>.</summary>
    public static void Remember(HttpContext context, string value)
    {
        if (KeptCapture.Of(context) is { } capture) capture.Remembered = value;
    }

    public static IServiceCollection AddPersonalMarks<T>(this IServiceCollection services) where T : class, IPersonalMarks =>
        services.AddScoped<IPersonalMarks, T>();

    /// <summary>
    /// A reader's own mark in a page: <paramref name="on"/> when it holds for them, else <paramref name="off"/>. In a
    /// page being kept for their kind it leaves a hole that each reader's mark fills (<see cref="IPersonalMarks"/>
    /// naming <paramref name="mark"/>); elsewhere it is simply written as it holds.
    /// </summary>
    public static IHtmlContent Mark(this IHtmlHelper html, string mark, object key, bool holds,
        Func<object?, IHtmlContent> on, Func<object?, IHtmlContent>? off = null)
    {
        var capture = KeptCapture.Of(html.ViewContext.HttpContext);
        if (capture is null) return holds ? on(null) : off?.Invoke(null) ?? HtmlString.Empty;
        return capture.Hole(mark, Convert.ToString(key, System.Globalization.CultureInfo.InvariantCulture) ?? "", holds, on(null), off?.Invoke(null) ?? HtmlString.Empty);
    }

    /// <summary>What each mark of a kept page holds for this reader, asked once per module that gives marks.</summary>
    internal static async Task<Func<KeptHole, bool>> ForAsync(KeptPage page, ClaimsPrincipal user, IEnumerable<IPersonalMarks> registered, CancellationToken ct)
    {
        var marks = page.Marks;
        if (marks.Count == 0 || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId) return _ => false;
        var holding = new Dictionary<string, IReadOnlySet<string>>();
        foreach (var source in registered)
        {
            var asked = marks.Where(m => source.Names.Contains(m.Key)).SelectMany(m => m.Select(key => (m.Key, key))).ToLookup(m => m.Item1, m => m.Item2);
            if (asked.Count == 0) continue;
            foreach (var (name, keys) in await source.HoldingAsync(userId, asked, ct)) holding[name] = keys;
        }
        if (marks.FirstOrDefault(m => !holding.ContainsKey(m.Key)) is { } unknown)
            throw new InvalidOperationException($"No personal mark '{unknown.Key}' is registered (AddPersonalMarks).");
        return hole => hole.Mark is { } name && holding[name].Contains(hole.Key);
    }
}
