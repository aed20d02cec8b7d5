namespace RqiiacPortail.Web.Infrastructure.Web;

/// <summary>What the shared <c>_Pagination</c> partial shows: the page links of a list, under their label.</summary>
public sealed record PageLinks(int Current, int Pages, Func<int, string> Link, string Label = "Pages");

public static class Pagination
{
    /// <summary>
    /// The page numbers worth showing: the first, the last and two on each side of the current one; null marks a
    /// gap (« … »). Sixty thousand results must not print six thousand links.
    /// </summary>
    public static IReadOnlyList<int?> Window(int current, int pages)
    {
        var shown = new SortedSet<int> { 1, pages };
        for (var p = current - 2; p <= current + 2; p++) if (p >= 1 && p <= pages) shown.Add(p);
        var window = new List<int?>();
        var previous = 0;
        foreach (var p in shown.Where(p => p >= 1))
        {
            if (p > previous + 1) window.Add(null);
            window.Add(p);
            previous = p;
        }
        return window;
    }
}
