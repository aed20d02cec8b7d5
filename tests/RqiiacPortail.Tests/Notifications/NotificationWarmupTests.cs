using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Modules.Notifications;

namespace RqiiacPortail.Tests.Notifications;

/// <summary>The start-up warm-up runs the announcement path on nobody: it leaves no row behind.</summary>
public abstract class NotificationWarmupTests<TFactory>(TFactory factory) where TFactory : PortalFactory
{
    [Fact]
    public async Task TheWarmUp_LeavesNoNotificationBehind()
    {
        factory.Started();
        Assert.False(await factory.WithDbAsync(db => db.Set<Notification>().AnyAsync(n => n.UserId == "prechauffage")));
    }
}

public sealed class SqliteNotificationWarmupTests(SqlitePortalFactory factory) : NotificationWarmupTests<SqlitePortalFactory>(factory), IClassFixture<SqlitePortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresNotificationWarmupTests(PostgresPortalFactory factory) : NotificationWarmupTests<PostgresPortalFactory>(factory);
