using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Background;

namespace RqiiacPortail.UnitTests;

/// <summary>A periodic job registered before the database initializer does not touch the database before it is migrated.</summary>
public sealed class PeriodicJobRules
{
    private sealed class Job(IServiceScopeFactory scopes) : PeriodicJob(scopes, TimeProvider.System, NullLogger.Instance)
    {
        protected override TimeSpan Period => TimeSpan.FromHours(1);
        protected override string FailureMessage => "échec";
        protected override Task RunOnceAsync(CancellationToken ct) => Task.CompletedTask;
    }

    [Fact]
    public async Task AJob_WaitsForTheMigratedDatabase_BeforeItsFirstPass()
    {
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var services = new ServiceCollection();
        services.AddSingleton<DatabaseReady>();
        // The job's first pass asks for the database: here, the moment it does is all the test reads.
        services.AddScoped<PortalDbContext>(_ =>
        {
            asked.TrySetResult();
            throw new InvalidOperationException("Pas de base dans ce test.");
        });
        await using var provider = services.BuildServiceProvider();
        using var job = new Job(provider.GetRequiredService<IServiceScopeFactory>());

        await job.StartAsync(CancellationToken.None);
        Assert.False(asked.Task.IsCompleted, "the job reached the database before it was ready");
        Assert.False(job.ExecuteTask!.IsCompleted);

        provider.GetRequiredService<DatabaseReady>().Open();
        await asked.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await job.StopAsync(CancellationToken.None);
    }
}
