using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Web.Modules.Notifications;

namespace RqiiacPortail.Tests.Infrastructure;

/// <summary>A portal listening on a real loopback port, for tests that open real SignalR connections.</summary>
public interface ILiveSite
{
    string BaseUrl { get; }
}

internal static class LiveSites
{
    public static string AddressOf(PortalFactory site) =>
        site.Started().Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
}

/// <summary>The portal on SQLite and a real Kestrel port.</summary>
public class KestrelPortalFactory : SqlitePortalFactory, ILiveSite
{
    public KestrelPortalFactory() => UseKestrel(0);

    public string BaseUrl => LiveSites.AddressOf(this);
}

/// <summary>The portal on PostgreSQL and a real Kestrel port.</summary>
public class PostgresKestrelPortalFactory : PostgresPortalFactory, ILiveSite
{
    public PostgresKestrelPortalFactory() => UseKestrel(0);

    public string BaseUrl => LiveSites.AddressOf(this);
}

/// <summary>A member signed in over HTTP whose cookie opens hub connections, like a browser's tabs.</summary>
public sealed class LiveMember : IAsyncDisposable
{
    private readonly List<HubConnection> _connections = [];

    private LiveMember(string baseUrl, HttpClient http, CookieContainer cookies)
    {
        BaseUrl = baseUrl;
        Http = http;
        Cookies = cookies;
    }

    public string BaseUrl { get; }
    public HttpClient Http { get; }
    public CookieContainer Cookies { get; }

    public static async Task<LiveMember> SignInAsync(string baseUrl, TestAccount? account)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
        if (account is not null) await http.SignInAsync(account);
        return new LiveMember(baseUrl, http, cookies);
    }

    /// <summary>Opens one connection (one "tab"); what it receives is written to the returned tab's channels.</summary>
    public async Task<Tab> ConnectAsync(string prefix = "")
    {
        var connection = new HubConnectionBuilder()
            .WithUrl($"{BaseUrl}{prefix}/hubs/notifications", o => o.Cookies = Cookies)
            .Build();
        var tab = new Tab(connection);
        connection.On<NotificationMessage>("notification", m => tab.Notifications.Writer.TryWrite(m));
        connection.On<int>("unread", n => tab.Unread.Writer.TryWrite(n));
        await connection.StartAsync();
        _connections.Add(connection);
        return tab;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _connections) await c.DisposeAsync();
        Http.Dispose();
    }

    public sealed class Tab(HubConnection connection)
    {
        public HubConnection Connection => connection;
        public Channel<NotificationMessage> Notifications { get; } = Channel.CreateUnbounded<NotificationMessage>();
        public Channel<int> Unread { get; } = Channel.CreateUnbounded<int>();

        public async Task<NotificationMessage> NextAsync(int seconds = 10)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
            return await Notifications.Reader.ReadAsync(timeout.Token);
        }
    }
}
