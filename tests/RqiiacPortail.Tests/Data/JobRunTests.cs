using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Background;

namespace RqiiacPortail.Tests.Data;

/// <summary>
/// A periodic job runs once per period across instances: each run takes its period's keyed row first, and of
/// instances taking it at the same moment (each its own connection) exactly one gets it.
/// </summary>
public abstract class JobRunTests<TFactory>(TFactory factory) where TFactory : PortalFactory
{
    private async Task<bool> TakeAsync(string job, DateTimeOffset period, string owner)
    {
        await using var scope = factory.Started().Services.CreateAsyncScope();
        return await PeriodicJob.TakeAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), job, period, owner, CancellationToken.None);
    }

    [Fact]
    public async Task EightInstancesAtOnce_OneRunsThePeriod_AndTheNextPeriodIsFreeAgain()
    {
        var job = "essai-" + Guid.NewGuid().ToString("N")[..12];
        var now = new DateTimeOffset(2027, 5, 4, 10, 0, 42, TimeSpan.Zero);
        var period = PeriodicJob.PeriodOf(now, TimeSpan.FromMinutes(1));
        Assert.Equal(new DateTimeOffset(2027, 5, 4, 10, 0, 0, TimeSpan.Zero), period);

        var taken = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => TakeAsync(job, period, $"instance-{i}"))));

        Assert.Single(taken, t => t);
        var row = Assert.Single(await factory.WithDbAsync(db => db.Set<JobRun>().Where(r => r.Job == job).ToListAsync()));
        Assert.Equal($"instance-{Array.IndexOf(taken, true)}", row.Owner);
        Assert.False(await TakeAsync(job, PeriodicJob.PeriodOf(now.AddSeconds(17), TimeSpan.FromMinutes(1)), "plus-tard"));
        Assert.True(await TakeAsync(job, PeriodicJob.PeriodOf(now.AddMinutes(1), TimeSpan.FromMinutes(1)), "instance-0"));
    }

    [Fact]
    public async Task RowsOlderThanADay_AreDroppedByTheNextRun()
    {
        var job = "essai-" + Guid.NewGuid().ToString("N")[..12];
        var start = new DateTimeOffset(2027, 5, 4, 10, 0, 0, TimeSpan.Zero);
        Assert.True(await TakeAsync(job, start, "a"));
        Assert.True(await TakeAsync(job, start.AddHours(20), "a"));

        Assert.True(await TakeAsync(job, start.AddHours(25), "a"));

        var periods = await factory.WithDbAsync(db => db.Set<JobRun>().Where(r => r.Job == job).Select(r => r.Period).ToListAsync());
        Assert.Equal([start.AddHours(20), start.AddHours(25)], periods.Order());
    }
}

public sealed class SqliteJobRunTests(SqlitePortalFactory factory) : JobRunTests<SqlitePortalFactory>(factory), IClassFixture<SqlitePortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresJobRunTests(PostgresPortalFactory factory) : JobRunTests<PostgresPortalFactory>(factory);
