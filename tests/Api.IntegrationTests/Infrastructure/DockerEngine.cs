using System.Net;
using System.Net.Sockets;
using System.Text;

namespace QuickImport.Api.IntegrationTests.Infrastructure;

/// <summary>Tells quickly whether a Docker engine answers, so an absent one costs no Testcontainers timeout.</summary>
internal static class DockerEngine
{
    private const string DefaultSocket = "/var/run/docker.sock";
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    public static async Task<bool> AnswersAsync(CancellationToken ct)
    {
        var dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (string.IsNullOrWhiteSpace(dockerHost))
        {
            return File.Exists(DefaultSocket) && await PingAsync(new UnixDomainSocketEndPoint(DefaultSocket), ct);
        }

        if (!Uri.TryCreate(dockerHost, UriKind.Absolute, out var uri))
        {
            return false;
        }

        if (uri.Scheme == "unix")
        {
            return File.Exists(uri.LocalPath) && await PingAsync(new UnixDomainSocketEndPoint(uri.LocalPath), ct);
        }

        if (uri.Scheme == "tcp")
        {
            EndPoint endPoint = IPAddress.TryParse(uri.Host, out var address)
                ? new IPEndPoint(address, uri.Port)
                : new DnsEndPoint(uri.Host, uri.Port);

            // A TLS-protected engine would refuse a plain HTTP ping; a successful connect is answer enough there.
            var tls = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_TLS_VERIFY"));
            return tls ? await ConnectsAsync(endPoint, ct) : await PingAsync(endPoint, ct);
        }

        return false;
    }

    private static async Task<bool> PingAsync(EndPoint endPoint, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            using var socket = CreateSocket(endPoint);
            await socket.ConnectAsync(endPoint, timeout.Token);
            await socket.SendAsync(Encoding.ASCII.GetBytes("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"), timeout.Token);

            var buffer = new byte[256];
            var received = 0;
            while (received < 12)
            {
                var read = await socket.ReceiveAsync(buffer.AsMemory(received), timeout.Token);
                if (read == 0)
                {
                    break;
                }

                received += read;
            }

            var statusLine = Encoding.ASCII.GetString(buffer, 0, received);
            return statusLine.StartsWith("HTTP/1.", StringComparison.Ordinal) && statusLine[9..].StartsWith("200", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or IOException)
        {
            ct.ThrowIfCancellationRequested();
            return false;
        }
    }

    private static async Task<bool> ConnectsAsync(EndPoint endPoint, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            using var socket = CreateSocket(endPoint);
            await socket.ConnectAsync(endPoint, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            ct.ThrowIfCancellationRequested();
            return false;
        }
    }

    private static Socket CreateSocket(EndPoint endPoint) => endPoint is UnixDomainSocketEndPoint
        ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
        : new Socket(SocketType.Stream, ProtocolType.Tcp);
}
