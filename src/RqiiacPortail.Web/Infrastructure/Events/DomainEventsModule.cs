using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RqiiacPortail.Web.Data;

namespace RqiiacPortail.Web.Infrastructure.Events;

/// <summary>The domain-event outbox (not to be confused with the events module, colloquiums and registrations).</summary>
public static class DomainEventsModule
{
    public static IHostApplicationBuilder AddDomainEvents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EventsOptions>().BindConfiguration(EventsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<EventSignal>();
        builder.Services.AddSingleton<EventLaneSignal>();
        builder.Services.AddSingleton<EventRegistry>();
        builder.Services.AddSingleton<EventRunner>();
        builder.Services.AddScoped<IEventOutbox, EventOutbox>();
        builder.Services.AddSingleton<EventOutboxProcessor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EventOutboxProcessor>());
        builder.Services.AddHealthChecks().AddCheck<EventOutboxHealthCheck>("evenements");
        return builder;
    }

    /// <summary>
    /// Makes <typeparamref name="THandler"/> react to every <typeparamref name="TEvent"/> raised from now on. Its
    /// name (the class name) is stored with each row: renaming a handler leaves its waiting rows without one.
    /// </summary>
    /// <param name="lane">A lane declared with <see cref="AddEventLane"/> for slow work; the ordinary lane by default.</param>
    public static IServiceCollection AddEventHandler<TEvent, THandler>(this IServiceCollection services, string lane = "")
        where TEvent : class where THandler : class, IEventHandler<TEvent>
    {
        services.AddScoped<THandler>();
        services.AddSingleton(new EventRegistration(typeof(TEvent), typeof(THandler).Name, (sp, payload, batches, ct) =>
            sp.GetRequiredService<THandler>().HandleAsync(JsonSerializer.Deserialize<TEvent>(payload)!, batches, ct), lane));
        return services;
    }

    /// <summary>
    /// A lane of slow work with <paramref name="workers"/> of its own on each instance, shared fairly among the
    /// events' owners (an owner with one event under way waits while others' go first).
    /// </summary>
    public static IServiceCollection AddEventLane(this IServiceCollection services, string lane, Func<IServiceProvider, int> workers)
    {
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<EventLaneProcessor>(sp, lane, workers(sp)));
        services.AddSingleton<IHostedService>(sp => sp.GetServices<EventLaneProcessor>().Single(p => p.Lane == lane));
        return services;
    }
}

/// <summary>Degraded while events were set aside after their last attempt: someone must read their error.</summary>
internal sealed class EventOutboxHealthCheck(PortalDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var abandoned = await db.Set<OutboxEvent>().CountAsync(e => e.Abandoned && e.HandledAt == null, ct);
        return abandoned == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded($"{abandoned} événement(s) mis de côté après leur dernier essai.");
    }
}
