using System.Net;
using System.Net.Sockets;
using System.Text;

namespace QuickImport.Api.IntegrationTests.HostileInput;

/// <summary>
/// HTTP over a raw TCP connection to an instance on a real Kestrel
/// (<see cref="Support.ApiInstanceOptions.OnRealKestrel"/>): bytes as a hostile client sends them, at its pace.
/// </summary>
public static class RawHttp
{
    /// <summary>
    /// Sends <paramref name="head"/> at once, then <paramref name="trickle"/> one byte per
    /// <paramref name="pause"/>, and returns what the server answered — its status line, or null when it
    /// closed the connection without one — and how long that took.
    /// </summary>
    public static async Task<(string? StatusLine, TimeSpan Elapsed)> TrickleAsync(Uri address, string head, string trickle, TimeSpan pause, TimeSpan giveUp)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, address.Port);
        var stream = client.GetStream();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var answer = ReadStatusLineAsync(stream);
        foreach (var b in Encoding.ASCII.GetBytes(trickle))
        {
            if (answer.IsCompleted || clock.Elapsed > giveUp)
            {
                break;
            }

            try
            {
                await stream.WriteAsync(new[] { b });
            }
            catch (IOException)
            {
                break; // the server closed the connection
            }

            await Task.WhenAny(answer, Task.Delay(pause));
        }

        var statusLine = await answer.WaitAsync(giveUp);
        return (statusLine, clock.Elapsed);
    }

    /// <summary>Sends <paramref name="request"/> as it is and returns all the server answered before it closed the connection.</summary>
    public static async Task<string> SendAsync(Uri address, string request, TimeSpan giveUp)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, address.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var answer = new MemoryStream();
        try
        {
            await stream.CopyToAsync(answer).WaitAsync(giveUp);
        }
        catch (IOException)
        {
            // Reset by the server after its answer: what came before it stands.
        }

        return Encoding.UTF8.GetString(answer.ToArray());
    }

    private static async Task<string?> ReadStatusLineAsync(NetworkStream stream)
    {
        var buffer = new byte[4096];
        var received = new StringBuilder();
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
                if (received.ToString().IndexOf("\r\n", StringComparison.Ordinal) is var end and >= 0)
                {
                    return received.ToString()[..end];
                }
            }
        }
        catch (IOException)
        {
            // Reset by the server: as good as closed.
        }

        return null;
    }
}
