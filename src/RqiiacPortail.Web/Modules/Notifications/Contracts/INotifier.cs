namespace RqiiacPortail.Web.Modules.Notifications.Contracts;

/// <summary>
/// What a module says when something happens to people: which kind, to whom, what, and where to look.
/// <paramref name="Link"/> is a path from the site root, section prefix included (<c>/lanaudiere/forum/sujets/12</c>).
/// </summary>
/// <param name="SiteOnly">
/// Recipients told on the site only this time, whatever delivery they chose: the raising module groups what it
/// sends (the forum e-mails a follower once for a thread until they have read it).
/// </param>
public sealed record Notice(string Kind, IReadOnlyCollection<string> RecipientIds, string Title, string Link, string? Body = null,
    IReadOnlySet<string>? SiteOnly = null);

/// <summary>
/// Raises notifications. The rows (and any immediate e-mail) join the caller's unit of work: they exist only if
/// the caller's <c>SaveChanges</c> commits, and are pushed live afterwards by a background dispatcher.
/// </summary>
public interface INotifier
{
    Task NotifyAsync(Notice notice, CancellationToken ct = default);
}

/// <summary>The unread count the layout's bell shows.</summary>
public interface INotificationCounter
{
    Task<int> UnreadAsync(string userId, CancellationToken ct = default);
}
