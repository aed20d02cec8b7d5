using System.Globalization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RqiiacPortail.Web.Data;

namespace RqiiacPortail.Web.Modules.Notifications;

/// <summary>
/// Pushes committed notifications to their members' connections, then their new unread counts. Each instance
/// pushes what it raised; what an instance left unpushed (it stopped) is taken over by any after a while.
/// </summary>
internal sealed class NotificationDispatcher(
    IServiceScopeFactory scopes,
    IHubContext<NotificationsHub> hub,
    NodeIdentity node,
    NotificationSignal signal,
    IOptions<NotificationOptions> options,
    TimeProvider clock,
    ILogger<NotificationDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 1000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var pushed = 0;
            try
            {
                pushed = await PushBatchAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Échec de la diffusion des notifications.");
            }
            if (pushed < BatchSize)
            {
                try { await signal.WaitAsync(options.Value.PollInterval, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    internal async Task<int> PushBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = clock.GetUtcNow();
        var orphaned = now - options.Value.OrphanAfter;

        var due = await db.Set<Notification>().AsNoTracking()
            .Where(n => n.PushedAt == null && (n.RaisedBy == node.Id || n.CreatedAt < orphaned))
            .OrderBy(n => n.Id).Take(BatchSize).ToListAsync(ct);
        if (due.Count == 0) return 0;

        // Claim before sending: a notification is pushed live at most once; it stays in the list either way.
        // This instance's own recent rows are claimed by their ids in one statement (no other instance takes them
        // before they are orphaned; a range would also mark rows committed since the select, never to be pushed).
        var claimed = new List<Notification>(due.Count);
        var own = due.Where(n => n.RaisedBy == node.Id && n.CreatedAt >= orphaned).ToList();
        if (own.Count > 0)
        {
            await ClaimAsync(db, own.Select(n => n.Id).ToList(), now, ct);
            claimed.AddRange(own);
        }
        // Orphans (this instance's too) may be wanted by several instances: each is claimed alone.
        foreach (var orphan in due.Except(own))
        {
            var taken = await db.Set<Notification>().Where(n => n.Id == orphan.Id && n.PushedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.PushedAt, now), ct);
            if (taken == 1) claimed.Add(orphan);
        }

        await Task.WhenAll(claimed.Select(n => hub.Clients.Group(NotificationsHub.GroupFor(n.UserId)).SendAsync("notification",
            new NotificationMessage(n.Id, n.Kind, n.Title, n.Link, n.CreatedAt.ToString("O", CultureInfo.InvariantCulture)), ct)));

        var unread = await UnreadAsync(db, claimed.Select(n => n.UserId).Distinct().ToList(), ct);
        await Task.WhenAll(unread.Select(u => hub.Clients.Group(NotificationsHub.GroupFor(u.UserId)).SendAsync("unread", u.Count, ct)));
        return claimed.Count;
    }

    /// <summary>Runs this dispatcher's statements once on nothing, so that the first announcement does not compile them.</summary>
    internal static async Task WarmUpAsync(PortalDbContext db, CancellationToken ct)
    {
        await ClaimAsync(db, [], DateTimeOffset.UnixEpoch, ct);
        await UnreadAsync(db, [], ct);
    }

    private static Task<int> ClaimAsync(PortalDbContext db, List<long> ids, DateTimeOffset now, CancellationToken ct) =>
        db.Set<Notification>().Where(n => ids.Contains(n.Id) && n.PushedAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.PushedAt, now), ct);

    private sealed record Unread(string UserId, int Count);

    private static Task<List<Unread>> UnreadAsync(PortalDbContext db, List<string> users, CancellationToken ct) =>
        db.Set<Notification>().Where(n => users.Contains(n.UserId) && n.ReadAt == null)
            .GroupBy(n => n.UserId).Select(g => new Unread(g.Key, g.Count())).ToListAsync(ct);
}
