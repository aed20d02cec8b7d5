using System.Net;
using System.Net.Sockets;

namespace RqiiacPortail.Tests.Infrastructure;

internal static class Ports
{
    /// <summary>A loopback port free right now (the system's choice), for a server the test starts on it.</summary>
    public static int Free()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
