using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Events;

public static class EventsPermissions
{
    /// <summary>Register for members-only events with one's account: any approved member.</summary>
    public static readonly Permission Register = new("events.register", "S'inscrire aux événements réservés aux membres", Roles.SectionRoles, Roles.NationalRoles);

    /// <summary>Run a section's events: create, edit, registrations, the door.</summary>
    public static readonly Permission Organize = new("events.organize", "Organiser les événements de la section", [Roles.Coordinator], []);

    /// <summary>Run the national events (the colloquium): the board.</summary>
    public static readonly Permission OrganizeNational = new("events.organize-national", "Organiser les événements nationaux", [], [Roles.Board]);

    /// <summary>Reach the organizers' pages at all (the menu, the list): a section's coordination or the board; which events, <see cref="EventAccess"/> says.</summary>
    public static readonly Permission OrganizeSome = new("events.organize-some", "Accéder à l'organisation des événements", [Roles.Coordinator], [Roles.Board]);
}

/// <summary>What one person may do with events, worked out once per request.</summary>
public sealed record EventViewer(string? UserId, bool IsMember, IReadOnlySet<int> Organizes, bool OrganizesAll)
{
    public static readonly EventViewer Visitor = new(null, false, new HashSet<int>(), false);

    public bool CanOrganize(int sectionId) => OrganizesAll || Organizes.Contains(sectionId);

    public bool OrganizesAny => OrganizesAll || Organizes.Count > 0;

    /// <summary>Drafts are their organizers' alone; published and cancelled events are listed for all.</summary>
    public bool CanSee(Event e) => e.State != EventState.Draft || CanOrganize(e.SectionId);

    /// <summary>Members-only events take members; public ones anyone, with a name and an address.</summary>
    public bool MayRegister(Event e) => !e.MembersOnly || IsMember;
}

/// <summary>Who may see, register for and organize events: the one place these rules are written.</summary>
public sealed class EventAccess(IAuthorizationService authorization, IMemberRoles roles, ISectionCatalog sections)
{
    private EventViewer? _viewer;

    public async Task<EventViewer> ViewerAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (_viewer is not null) return _viewer;
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id) return _viewer = EventViewer.Visitor;
        var organizes = (await roles.SectionsWhereAsync(id, Roles.Coordinator, ct)).ToHashSet();
        if ((await sections.GetAllAsync(ct)).FirstOrDefault(s => s.IsNational) is { } national
            && await authorization.CanAsync(user, EventsPermissions.OrganizeNational, national.Id))
            organizes.Add(national.Id);
        // Administrators hold every permission: "organize in a section that does not exist" tells them apart.
        var all = await authorization.CanAsync(user, EventsPermissions.Organize, int.MinValue);
        return _viewer = new EventViewer(id, await authorization.CanAsync(user, EventsPermissions.Register), organizes, all);
    }
}
