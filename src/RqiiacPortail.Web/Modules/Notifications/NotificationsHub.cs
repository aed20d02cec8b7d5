using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace RqiiacPortail.Web.Modules.Notifications;

/// <summary>
/// Live delivery to signed-in members. Each connection joins its member's group, so every tab and device of a
/// member receives the same pushes; with a Redis backplane the group spans instances.
/// </summary>
[Authorize]
public sealed class NotificationsHub : Hub
{
    public const string Path = "/hubs/notifications";

    public static string GroupFor(string userId) => $"membre:{userId}";

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupFor(Context.UserIdentifier!));
        await base.OnConnectedAsync();
    }
}

/// <summary>What a client receives for each new notification.</summary>
public sealed record NotificationMessage(long Id, string Kind, string Title, string Link, string CreatedAt);
