using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.Web.Modules.Notifications;

public static class NotificationPermissions
{
    /// <summary>Announce to the members of a section: its coordination (and the board, nationally).</summary>
    public static readonly Permission AnnounceInSection = new("notifications.announce", "Envoyer une annonce à une région",
        [Roles.Coordinator], [Roles.Board]);

    /// <summary>Announce to the whole network: the board.</summary>
    public static readonly Permission AnnounceNationally = new("notifications.announce-national", "Envoyer une annonce à tout le réseau",
        [], [Roles.Board]);
}
