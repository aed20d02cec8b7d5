using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;

namespace RqiiacPortail.Web.Modules.Members;

/// <summary>
/// At start-up, after the migrations: accounts made before <see cref="PortalUser.NameKey"/> existed get theirs (the
/// migration cannot fold accents in SQL on both providers). Writing the same key twice is harmless, so several
/// instances starting at once need no claim; on a database already done it is one indexed read.
/// </summary>
internal sealed class NameKeyBackfill(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        string? after = null;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var users = await db.Users.Where(u => u.NameKey == "" && (after == null || string.Compare(u.Id, after) > 0))
                .OrderBy(u => u.Id).Take(500).ToListAsync(cancellationToken);
            if (users.Count == 0) return;
            foreach (var user in users) user.FirstName = user.FirstName; // the setter makes the key
            await db.SaveChangesAsync(cancellationToken);
            after = users[^1].Id;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
