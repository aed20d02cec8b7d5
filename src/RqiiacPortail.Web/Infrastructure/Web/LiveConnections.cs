using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace RqiiacPortail.Web.Infrastructure.Web;

/// <summary>Bounds on the live connections of this instance (<c>Live:…</c>).</summary>
public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>Open hub connections from one client address (an office behind one address: several people, several tabs).</summary>
    [Range(1, 1_000_000)] public int MaxConnectionsPerAddress { get; set; } = 200;

    /// <summary>Open hub connections of one member, every tab of every device.</summary>
    [Range(1, 100_000)] public int MaxConnectionsPerMember { get; set; } = 20;

    /// <summary>WebSocket (upgraded) connections this process keeps open at once: Kestrel refuses the next.</summary>
    [Range(1, 1_000_000)] public long MaxUpgradedConnections { get; set; } = 10_000;
}

/// <summary>
/// Every live connection of this instance, whatever its hub: counted per client address and per member (past a
/// bound the next one is refused, in French), and found again by member, so that a member whose access changed
/// (a role withdrawn, a session ended, the account closed) has their connections closed at once. Their pages
/// reconnect by themselves, and the hubs check again what the member may now follow.
/// </summary>
public sealed class LiveConnections(IOptions<LiveOptions> options) : IHubFilter
{
    public const string TooManyFromAddress = "Trop de connexions en direct sont ouvertes depuis cette adresse : fermez des onglets du portail, puis rechargez la page.";
    public const string TooManyForMember = "Trop de connexions en direct sont ouvertes à votre nom : fermez des onglets du portail, puis rechargez la page.";

    private sealed record Live(HubCallerContext Context, string? Member, string Address);

    private readonly ConcurrentDictionary<string, Live> _connections = new();
    private readonly ConcurrentDictionary<string, int> _perAddress = new();
    private readonly ConcurrentDictionary<string, int> _perMember = new();

    public int Count => _connections.Count;

    /// <returns>Why one more connection from this address or member would be refused, in French, or null.</returns>
    public string? Refusal(string address, string? member) =>
        _perAddress.GetValueOrDefault(address) >= options.Value.MaxConnectionsPerAddress ? TooManyFromAddress
        : member is not null && _perMember.GetValueOrDefault(member) >= options.Value.MaxConnectionsPerMember ? TooManyForMember
        : null;

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var caller = context.Context;
        var address = AddressOf(caller);
        var member = caller.UserIdentifier;
        // Counted first, then checked: two connections at once cannot both take the last place.
        var fromAddress = _perAddress.AddOrUpdate(address, 1, (_, n) => n + 1);
        var ofMember = member is null ? 0 : _perMember.AddOrUpdate(member, 1, (_, n) => n + 1);
        if (fromAddress > options.Value.MaxConnectionsPerAddress || ofMember > options.Value.MaxConnectionsPerMember)
        {
            Release(address, member);
            throw new HubException(fromAddress > options.Value.MaxConnectionsPerAddress ? TooManyFromAddress : TooManyForMember);
        }
        _connections[caller.ConnectionId] = new Live(caller, member, address);
        try
        {
            await next(context);
        }
        catch
        {
            Forget(caller.ConnectionId);
            throw;
        }
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        Forget(context.Context.ConnectionId);
        await next(context, exception);
    }

    /// <summary>Closes this instance's connections of the member.</summary>
    /// <returns>How many were closed.</returns>
    public int Close(string member)
    {
        var closed = 0;
        foreach (var live in _connections.Values.Where(l => l.Member == member))
        {
            live.Context.Abort();
            closed++;
        }
        return closed;
    }

    private void Forget(string connectionId)
    {
        if (_connections.TryRemove(connectionId, out var live)) Release(live.Address, live.Member);
    }

    private void Release(string address, string? member)
    {
        Decrement(_perAddress, address);
        if (member is not null) Decrement(_perMember, member);
    }

    private static void Decrement(ConcurrentDictionary<string, int> counts, string key)
    {
        while (counts.TryGetValue(key, out var n))
        {
            if (n <= 1 ? counts.TryRemove(new KeyValuePair<string, int>(key, n)) : counts.TryUpdate(key, n - 1, n)) return;
        }
    }

    public static string AddressOf(HubCallerContext caller) => caller.GetHttpContext()?.Connection.RemoteIpAddress?.ToString() ?? "";
}
