using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace RqiiacPortail.Tests.Infrastructure;

/// <summary>
/// Makes the next database command containing a given text fail, as a full disk or a dropped connection would:
/// a test then checks that the unit of work left nothing half-saved.
/// </summary>
public sealed class FailingCommands : DbCommandInterceptor
{
    private string? _failNext;
    private int _skip;

    /// <summary>Fails the next command containing <paramref name="commandText"/>, after letting <paramref name="skip"/> of them through.</summary>
    public void FailNext(string commandText, int skip = 0)
    {
        _skip = skip;
        _failNext = commandText;
    }

    private void Check(DbCommand command)
    {
        if (_failNext is not { } text || !command.CommandText.Contains(text, StringComparison.Ordinal)) return;
        if (Interlocked.Decrement(ref _skip) >= 0) return;
        if (Interlocked.CompareExchange(ref _failNext, null, text) == text) throw new InvalidOperationException($"Test failure of: {text}");
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken ct = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    public static void AddTo(IWebHostBuilder builder, FailingCommands failing) =>
        builder.ConfigureTestServices(s => s.AddSingleton<IInterceptor>(failing));
}

/// <summary>The portal on SQLite whose commands a test can make fail.</summary>
public class SqliteFailingSite : SqlitePortalFactory, IFailingSite
{
    public FailingCommands Failing { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        FailingCommands.AddTo(builder, Failing);
    }
}

/// <summary>The same on PostgreSQL.</summary>
public class PostgresFailingSite : PostgresPortalFactory, IFailingSite
{
    public FailingCommands Failing { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        FailingCommands.AddTo(builder, Failing);
    }
}

public interface IFailingSite
{
    FailingCommands Failing { get; }
}
