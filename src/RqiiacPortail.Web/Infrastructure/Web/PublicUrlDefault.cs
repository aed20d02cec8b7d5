using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace RqiiacPortail.Web.Infrastructure.Web;

/// <summary>
/// With no <see cref="PortalOptions.PublicUrl"/> configured, links in e-mails start with the address the site
/// listens on (the sample set-up works as it is run), and the log says so at start: in production, behind a
/// proxy, that address is rarely the public one.
/// </summary>
internal sealed class PublicUrlDefault(IOptions<PortalOptions> portal, IServer server, IHostApplicationLifetime lifetime, ILogger<PublicUrlDefault> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(portal.Value.PublicUrl)) return Task.CompletedTask;
        lifetime.ApplicationStarted.Register(() =>
        {
            var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            var url = listening is null ? PortalOptions.FallbackUrl : Reachable(listening);
            // The options object is the one every reader holds: set once, before any request is served.
            if (string.IsNullOrWhiteSpace(portal.Value.PublicUrl)) portal.Value.PublicUrl = url;
            logger.LogWarning("Portal:PublicUrl n'est pas défini : les liens des courriels commenceront par {Url}. Indiquez l'adresse publique du site en production.", url);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // « http://[::]:8080 » or « http://+:80 » listen everywhere; a browser reaches them as localhost.
    private static string Reachable(string address)
    {
        var fixedHost = address.Replace("://[::]", "://localhost").Replace("://0.0.0.0", "://localhost").Replace("://+", "://localhost").Replace("://*", "://localhost");
        return fixedHost.TrimEnd('/');
    }
}
