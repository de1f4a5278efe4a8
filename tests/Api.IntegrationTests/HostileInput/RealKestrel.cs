using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace QuickImport.Api.IntegrationTests.HostileInput;

/// <summary>
/// The API on a real Kestrel listening on 127.0.0.1 (a free port), with these settings, talked to over
/// a raw TCP connection: the in-memory TestServer enforces none of Kestrel's limits (data rates,
/// header timeouts, sizes), so only a real listener can show them.
/// </summary>
public sealed class RealKestrel : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> host;

    private RealKestrel(WebApplicationFactory<Program> host, Uri address)
    {
        this.host = host;
        Address = address;
    }

    public Uri Address { get; }

    public static RealKestrel Start(params (string Key, string Value)[] settings)
    {
        var host = TestEnvironment.Factory.WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });
        host.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        host.StartServer();
        var address = host.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new RealKestrel(host, new Uri(address));
    }

    /// <summary>
    /// Sends <paramref name="head"/> at once, then <paramref name="trickle"/> one byte per
    /// <paramref name="pause"/>, and returns what the server answered — its status line, or null when it
    /// closed the connection without one — and how long that took.
    /// </summary>
    public async Task<(string? StatusLine, TimeSpan Elapsed)> TrickleAsync(string head, string trickle, TimeSpan pause, TimeSpan giveUp)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Address.Port);
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
    public async Task<string> SendAsync(string request, TimeSpan giveUp)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Address.Port);
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

    public ValueTask DisposeAsync() => host.DisposeAsync();

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
