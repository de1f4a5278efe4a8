using System.Net;
using System.Net.Sockets;

namespace QuickImport.Api.IntegrationTests.Infrastructure;

/// <summary>A TCP port free on 127.0.0.1 right now; a server started on it may still lose it to someone else, so callers retry.</summary>
internal static class FreePort
{
    public static int Find()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
