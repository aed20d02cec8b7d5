namespace RqiiacPortail.Web.Modules.Bulletin.Contracts;

/// <summary>
/// Something new in the network for the bulletin's « Dans le réseau »: a tool shared, an event announced, a thread
/// opened. Only what a visitor may open: the bulletin is public and goes to anyone subscribed.
/// </summary>
/// <param name="Kind">What it is, as a reader says it (« Outil », « Événement », « Discussion »).</param>
/// <param name="Path">Its address from the site's root (<c>/lanaudiere/outils/12-grille</c>).</param>
public sealed record NewsItem(string Kind, string Title, string Path, DateTimeOffset At);

/// <summary>What one module offers to « Dans le réseau » (registered with <see cref="NewsSourceRegistration.AddNewsSource{T}"/>).</summary>
public interface INewsSource
{
    /// <summary>What is new between <paramref name="from"/> and <paramref name="to"/>, newest first, visible to a visitor.</summary>
    Task<IReadOnlyList<NewsItem>> NewsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct);
}

public static class NewsSourceRegistration
{
    public static IServiceCollection AddNewsSource<T>(this IServiceCollection services) where T : class, INewsSource =>
        services.AddScoped<INewsSource, T>();
}
