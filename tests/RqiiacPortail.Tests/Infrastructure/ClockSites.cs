using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace RqiiacPortail.Tests.Infrastructure;

/// <summary>A portal whose clock the test moves (digest hours, pruning after days).</summary>
public interface IClockSite
{
    FakeTimeProvider Clock { get; }
}

/// <summary>The portal on SQLite with a clock that starts at <paramref name="start"/>.</summary>
public abstract class SqliteClockSite(DateTimeOffset start) : SqlitePortalFactory, IClockSite
{
    public FakeTimeProvider Clock { get; } = new(start);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>The same on PostgreSQL.</summary>
public abstract class PostgresClockSite(DateTimeOffset start) : PostgresPortalFactory, IClockSite
{
    public FakeTimeProvider Clock { get; } = new(start);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}
