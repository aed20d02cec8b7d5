using RqiiacPortail.Web.Infrastructure.Caching;
using RqiiacPortail.Web.Infrastructure.Admin;
using RqiiacPortail.Web.Infrastructure.Events;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Sections.Contracts;
using RqiiacPortail.Web.Infrastructure.Privacy;
using RqiiacPortail.Web.Modules.Notifications.Contracts;
using StackExchange.Redis;

namespace RqiiacPortail.Web.Modules.Notifications;

/// <summary>Durable notifications, live delivery over SignalR (Redis backplane when configured), e-mails and digests.</summary>
public static class NotificationsModule
{
    public const string AnnouncingPolicy = "annonces-membre";

    public static readonly NotificationKind Announcement = new("annonce", "Annonces du conseil d'administration et de ma région", Delivery.Site);

    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section);

        // The backplane is a deployment choice made before the host starts (environment, appsettings), so it
        // is read here: with it, a notification raised on one instance reaches connections on every other.
        var signalR = services.AddSignalR();
        if (builder.Configuration["Redis:ConnectionString"] is { Length: > 0 } redis)
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = RedisChannel.Literal("rqiiac"));

        services.AddSingleton<NodeIdentity>();
        services.AddSingleton<NotificationSignal>();
        services.AddScoped<NotificationLinks>();
        services.AddScoped<INotifier, Notifier>();
        services.AddScoped<INotificationCounter, NotificationCounter>();
        services.AddCacheArea(new CacheArea(NotificationCounter.Area, [typeof(Notification)], OwnerOf: e => ((Notification)e.Entity).UserId));
        services.AddHostedService<NotificationDispatcher>();
        services.AddHostedService<NotificationWarmup>();
        services.AddHostedService<NotificationJobs>();
        services.AddPersonalData<NotificationPersonalData>();
        services.AddSingleton<INotificationKinds, NotificationKindRegistry>();
        services.AddNotificationKind(Announcement);
        services.AddEventHandler<AnnouncementMade, AnnouncementNotifications>();
        services.AddScoped<Announcements>();
        // An announcement may write to thousands and e-mail them: counted per member, not only per address.
        services.AddMemberPostingPolicy(AnnouncingPolicy, "AnnouncementsPerMinute", 10);
        // A new announcement (its banner) moves the cached home pages; a banner's last day ends with the cache's ten minutes.
        services.AddCacheArea("annonces", typeof(Announcement));
        services.AddHomeBlock(Components.BanniereAnnoncesViewComponent.Name, 0);
        services.AddReservedSegment("annonces");
        services.AddScoped<Inbox>();
        services.AddScoped<DeliveryPreferences>();
        services.AddModuleEndpoints("notifications", app => app.MapNotifications());
        services.AddReservedSegment("notifications");
        services.AddReservedSegment(NotificationsHub.Path.TrimStart('/').Split('/')[0]);
        // The bell's live count on every page (Scripts/notifications.js), over SignalR's client from npm.
        services.AddLayoutScript(new LayoutScript("lib/signalr/signalr.min.js", 0));
        services.AddLayoutScript(new LayoutScript("js/notifications.js", 10));
        services.AddAdminMenuItem(new AdminMenuItem("Annonces", "Envoyer une annonce aux membres d'une région ou de tout le réseau.", "admin/annonces", NotificationPermissions.AnnounceInSection, 50));
        return builder;
    }

    /// <summary>The hub, behind the check that a connection is only ever used by the member who opened it.</summary>
    internal static WebApplication MapNotifications(this WebApplication app)
    {
        HubConnectionOwnership.Guard(app, NotificationsHub.Path);
        app.MapHub<NotificationsHub>(NotificationsHub.Path);
        return app;
    }
}
