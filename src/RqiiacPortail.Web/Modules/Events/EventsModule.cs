using RqiiacPortail.Web.Infrastructure.Audit;
using RqiiacPortail.Web.Infrastructure.Admin;
using RqiiacPortail.Web.Infrastructure.Caching;
using RqiiacPortail.Web.Infrastructure.Events;
using RqiiacPortail.Web.Infrastructure.Privacy;
using RqiiacPortail.Web.Infrastructure.Recipes;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Bulletin.Contracts;
using RqiiacPortail.Web.Modules.Notifications.Contracts;
using RqiiacPortail.Web.Modules.Search.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;

namespace RqiiacPortail.Web.Modules.Events;

/// <summary>Events (« Colloques et journées d'échange »): registration with seats, workshops, waiting list, calendars, attestations.</summary>
public static class EventsModule
{
    public const string Feature = "evenements";

    /// <summary>Events' lists and home blocks.</summary>
    public const string Area = "evenements";

    /// <summary>
    /// A visitor's event pages kept whole like the other public pages, and for 30 seconds at most: the seats left
    /// move with every registration, which touches no generation (it would empty every page's copy at each one).
    /// The page's script asks for the current seats as it connects, so a reader with scripts sees them at once.
    /// </summary>
    public const string PublicPagePolicy = "evenements-publics";

    public static readonly TimeSpan SeatsShownFor = TimeSpan.FromSeconds(30);

    /// <summary>Pages showing seats are kept for signed-in readers too by the period of <see cref="SeatsShownFor"/>.</summary>
    public const string SeatsPeriod = "evenements-places";

    internal static string SeatsPeriodOf(HttpContext context) =>
        (context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds() / (long)SeatsShownFor.TotalSeconds)
            .ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static readonly NotificationKind RegistrationKind = new("evenements-inscription", "Mes inscriptions aux événements (place offerte, atelier, annulation)", Delivery.Site, "calendar-days");

    public static IHostApplicationBuilder AddEvents(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<EventAccess>();
        services.AddScoped<Registrar>();
        services.AddScoped<EventEditor>();
        services.AddScoped<Attestations>();
        services.AddScoped<EventMail>();
        services.AddSingleton<AddressConfirmation>();
        services.AddScoped<EventQueries>();
        services.AddScoped<CalendarKeys>();
        services.AddScoped<EventLive>();
        services.AddScoped<EventCalendar>();
        services.AddScoped<RegistrationList>();
        services.AddHostedService<EventJobs>();
        services.Configure<Microsoft.AspNetCore.OutputCaching.OutputCacheOptions>(o => o.AddPolicy(PublicPagePolicy, new Infrastructure.Caching.PublicPagePolicy(SeatsPeriodOf)));
        services.Configure<Infrastructure.Caching.KeptPagesOptions>(o =>
        {
            o.Vary[SeatsPeriod] = context => ValueTask.FromResult<string?>(SeatsPeriodOf(context));
            o.Vary[EventPagesVary.OneEvent] = EventPagesVary.OwnRegistrationAsync;
        });
        services.AddCacheArea(Area, typeof(Event), typeof(Workshop), typeof(FeeCategory), typeof(RegistrationQuestion), typeof(EventTerm));
        services.AddPersonalData<EventPersonalData>();
        services.AddTermUsage<EventTermUsage>();
        services.AddSearchSource<EventSearchSource>();
        services.AddNewsSource<EventNews>();
        services.AddNotificationKind(RegistrationKind);
        services.AddEventHandler<EventCancelled, EventCancelledNotices>();
        services.AddEventHandler<AttestationsReleased, AttestationsReleasedNotices>();
        services.AddEventHandler<EventSeatsChanged, EventSeatsFill>();
        services.AddEventHandler<RegistrantsWritten, RegistrantsWrittenDeliveries>();
        services.AddRecipeStep<EventRecipeStep>();
        services.AddSectionFeature(Feature, "Événements");
        services.AddReservedSegment("evenements");
        services.AddAccountLink(new AccountLink("Mes inscriptions", "evenements/mes-inscriptions", 10, Feature));
        services.AddAuditActions(EventEditor.AuditArea,
            ("creation", "Événement créé"), ("modification", "Événement modifié"), ("publication", "Événement publié"),
            ("annulation", "Événement annulé"), ("message", "Message aux inscrits"), ("attestations", "Attestations envoyées"));
        services.AddReservedSegment(EventsHub.Path.TrimStart('/').Split('/')[0]);
        services.AddNavigationItem(new NavigationItem("Événements", "evenements", 25, SectionFeature: Feature));
        services.AddHomeBlock(Components.ProchainsEvenementsViewComponent.Name, 20);
        services.AddAdminMenuItem(new AdminMenuItem("Événements", "Créer et modifier les événements, suivre les inscriptions, l'accueil sur place.", "admin/evenements",
            EventsPermissions.OrganizeSome, 30));
        services.AddModuleEndpoints("evenements", app =>
        {
            HubConnectionOwnership.Guard(app, EventsHub.Path);
            app.MapHub<EventsHub>(EventsHub.Path);
            EventEndpoints.Map(app);
        });
        return builder;
    }
}
