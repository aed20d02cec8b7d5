using System.Security.Claims;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace RqiiacPortail.Web.Infrastructure.Caching;

/// <summary>
/// One kind of a member's own marks on shared content (« this thread has replies they have not read », « they
/// follow this category »), asked for a page's keys at once as the page is given from a copy kept for their kind.
/// A module registers its kinds with <see cref="KeptMarks.AddPersonalMark{T}"/>.
/// </summary>
public interface IPersonalMark
{
    string Name { get; }

    /// <summary>Which of these keys the mark holds for, for this member.</summary>
    Task<IReadOnlySet<string>> HoldingAsync(string userId, IReadOnlyCollection<string> keys, CancellationToken ct);
}

/// <summary>
/// A kept page that does something each time a reader reads it (the thread page moves their read mark): called
/// when a reader gets the copy, with what the page remembered as it was made (<see cref="KeptMarks.Remember"/>).
/// </summary>
public interface IKeptPageVisit
{
    Task VisitedAsync(string? remembered, CancellationToken ct);
}

public static class KeptMarks
{
    /// <summary>Remembers a value with the copy being made of this page, given back to <see cref="IKeptPageVisit"/>.</summary>
    public static void Remember(HttpContext context, string value)
    {
        if (KeptCapture.Of(context) is { } capture) capture.Remembered = value;
    }

    public static IServiceCollection AddPersonalMark<T>(this IServiceCollection services) where T : class, IPersonalMark =>
        services.AddScoped<IPersonalMark, T>();

    /// <summary>
    /// A reader's own mark in a page: <paramref name="on"/> when it holds for them, else <paramref name="off"/>. In a
    /// page being kept for their kind it leaves a hole that each reader's mark fills (<see cref="IPersonalMark"/>
    /// named <paramref name="mark"/>); elsewhere it is simply written as it holds.
    /// </summary>
    public static IHtmlContent Mark(this IHtmlHelper html, string mark, object key, bool holds,
        Func<object?, IHtmlContent> on, Func<object?, IHtmlContent>? off = null)
    {
        var capture = KeptCapture.Of(html.ViewContext.HttpContext);
        if (capture is null) return holds ? on(null) : off?.Invoke(null) ?? HtmlString.Empty;
        return capture.Hole(mark, Convert.ToString(key, System.Globalization.CultureInfo.InvariantCulture) ?? "", holds, on(null), off?.Invoke(null) ?? HtmlString.Empty);
    }

    /// <summary>What each mark of a kept page holds for this reader, asked once per kind of mark.</summary>
    internal static async Task<Func<KeptHole, bool>> ForAsync(KeptPage page, ClaimsPrincipal user, IEnumerable<IPersonalMark> registered, CancellationToken ct)
    {
        var marks = page.Marks;
        if (marks.Count == 0 || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId) return _ => false;
        var holding = new Dictionary<string, IReadOnlySet<string>>();
        foreach (var group in marks)
        {
            var source = registered.FirstOrDefault(m => m.Name == group.Key)
                ?? throw new InvalidOperationException($"No personal mark '{group.Key}' is registered (AddPersonalMark).");
            holding[group.Key] = await source.HoldingAsync(userId, group.ToList(), ct);
        }
        return hole => hole.Mark is { } name && holding[name].Contains(hole.Key);
    }
}
