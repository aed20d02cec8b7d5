using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Notifications.Contracts;

namespace RqiiacPortail.Web.Modules.Notifications;

/// <summary>
/// The first announcement after start-up paid some 200 ms for compiling the statements on its way (the audience,
/// the members' pages, the notifier's reads and inserts, the dispatcher's claim and counts): they run once at
/// start, on nobody, the writes in a transaction rolled back. Started after the database is made ready; a
/// failure here only costs that time back.
/// </summary>
internal sealed class NotificationWarmup(IServiceScopeFactory scopes, ILogger<NotificationWarmup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<PortalDbContext>();
            var members = services.GetRequiredService<IMemberDirectory>();
            await members.CountMembersAsync(null, ct);
            await members.CountMembersAsync(-1, ct);
            await members.MembersPageAsync(-1, null, 1, DateTimeOffset.MinValue, ct);
            await NotificationDispatcher.WarmUpAsync(db, ct);
            await db.InTransactionAsync(async tx =>
            {
                await services.GetRequiredService<INotifier>().NotifyAsync(new Notice(NotificationsModule.Announcement.Key, ["prechauffage"], "Préchauffage", "/"), ct);
                await db.SaveChangesAsync(ct);
                await tx.RollbackAsync(ct);
            }, ct);
            db.ChangeTracker.Clear();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Préchauffage des notifications impossible : la première annonce sera un peu plus lente.");
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
