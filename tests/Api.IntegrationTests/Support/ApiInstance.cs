using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace QuickImport.Api.IntegrationTests.Support;

/// <summary>
/// An instance of the real API for tests, started as its <see cref="ApiInstanceOptions"/> say: on the test
/// run's PostgreSQL database (migrations applied at start) unless they name another, in memory or on a
/// real Kestrel, with its own settings. What it logs is kept (<see cref="Log"/>) and its errors are
/// printed when it stops (a 500's cause). The run shares one (<see cref="TestEnvironment.Api"/>); two
/// more stand for two instances behind a load balancer: they share nothing but the database.
/// </summary>
public sealed class ApiInstance : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key-0123456789";

    private readonly Host host;
    private readonly HttpClient client;
    private readonly Uri? address;

    private ApiInstance(Host host, Uri? address)
    {
        this.host = host;
        this.address = address;
        client = host.CreateClient();
    }

    public IServiceProvider Services => host.Services;

    /// <summary>Every entry the instance logged.</summary>
    public CapturingLoggerProvider Log => host.Log;

    /// <summary>Where its real Kestrel listens (<see cref="ApiInstanceOptions.OnRealKestrel"/>).</summary>
    public Uri Address => address ?? throw new InvalidOperationException("An instance in memory listens nowhere: start it with ApiInstanceOptions.OnRealKestrel().");

    /// <summary>Starts an instance; a configuration it refuses throws here, as the service would not start.</summary>
    public static ApiInstance Start(ApiInstanceOptions options)
    {
        var host = new Host(options);
        try
        {
            if (!options.RealKestrel)
            {
                return new ApiInstance(host, address: null);
            }

            host.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            host.StartServer();
            var listening = host.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            return new ApiInstance(host, new Uri(listening));
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>An instance with the given configuration settings (full keys, e.g. <c>QuickImport:RateLimit:PermitLimit</c>).</summary>
    public static ApiInstance With(params (string Key, string Value)[] settings) => Start(ApiInstanceOptions.Default.With(settings));

    /// <summary>An instance with deduplication on and these <c>QuickImport:Deduplication</c> settings.</summary>
    public static ApiInstance WithDeduplication(params (string Name, string Value)[] settings) =>
        Start(ApiInstanceOptions.Default.WithDeduplication(settings));

    /// <summary>A form import with the account's token and database in the body, as <see cref="ImportApi.ImportAsync"/> sends it.</summary>
    public static HttpRequestMessage Import(TestAccount account, params (string Name, string Value)[] parameters) =>
        Post(ImportApi.Path, [("token", account.Token), ("db_id", Id(account.DatabaseId)), .. parameters]);

    public static HttpRequestMessage Post(string pathAndQuery, IEnumerable<(string Name, string Value)> form) =>
        new(HttpMethod.Post, pathAndQuery) { Content = ImportApi.Form(form) };

    public static string Id(int id) => Ids.Id(id);

    public HttpClient CreateClient(WebApplicationFactoryClientOptions? options = null) =>
        options is null ? host.CreateClient() : host.CreateClient(options);

    public async Task<InstanceAnswer> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        using (request)
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var headers = response.Headers
                .Concat(response.Content.Headers)
                .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
            return new InstanceAnswer(
                response.StatusCode,
                await response.Content.ReadAsStringAsync(cancellationToken),
                response.Content.Headers.ContentType?.ToString(),
                headers);
        }
    }

    public Task<InstanceAnswer> ImportAsync(TestAccount account, params (string Name, string Value)[] parameters) =>
        SendAsync(Import(account, parameters));

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await host.DisposeAsync();
        foreach (var error in Log.Entries.Where(e => e.Level >= LogLevel.Error))
        {
            await TestContext.Progress.WriteLineAsync($"server {error.Level} {error.Category}: {error.Message}");
        }
    }

    private sealed class Host(ApiInstanceOptions options) : WebApplicationFactory<Program>
    {
        public CapturingLoggerProvider Log { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.ConfigureLogging(logging => logging.AddProvider(Log));
            builder.UseSetting("ConnectionStrings:QuickImport", TestEnvironment.ConnectionString);
            builder.UseSetting("QuickImport:MigrateOnStartup", "true");
            builder.UseSetting("QuickImport:AdminKey", AdminKey);
            builder.UseSetting("QuickImport:DefaultPhoneRegion", "RU");
            builder.UseSetting("QuickImport:GeoIpDatabase", GeoIpTestDatabase.Path);

            // Most tests resend identical requests and expect them to run; deduplication tests turn it on.
            builder.UseSetting("QuickImport:Deduplication:Enabled", "false");

            foreach (var (key, value) in options.Settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
