using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QuickImport.Api.Health;
using QuickImport.Api.IntegrationTests.Support;

namespace QuickImport.Api.IntegrationTests.Health;

/// <summary>/health/live and /health/ready (docs/operations.md "Health").</summary>
public sealed class HealthEndpointTests
{
    [Test]
    public async Task Live_answers_200_Healthy_without_running_checks()
    {
        using var client = TestEnvironment.Api.CreateClient();

        var live = await HealthAnswer.GetAsync(client, HealthEndpoints.LivePath);

        Assert.Multiple(() =>
        {
            Assert.That(live.Status, Is.EqualTo(HttpStatusCode.OK), live.ToString());
            Assert.That(live.OverallStatus, Is.EqualTo("Healthy"));
            Assert.That(live.Entries, Is.Empty);
            Assert.That(live.Report["totalDuration"], Is.Not.Null);
        });
    }

    [Test]
    public async Task Ready_answers_200_Healthy_with_database_migrations_and_geodata()
    {
        using var client = TestEnvironment.Api.CreateClient();

        var ready = await HealthAnswer.GetAsync(client, HealthEndpoints.ReadyPath);

        Assert.Multiple(() =>
        {
            Assert.That(ready.Status, Is.EqualTo(HttpStatusCode.OK), ready.ToString());
            Assert.That(ready.OverallStatus, Is.EqualTo("Healthy"), ready.ToString());
            Assert.That(ready.EntryStatus("postgresql"), Is.EqualTo("Healthy"));
            Assert.That(ready.EntryStatus("migrations"), Is.EqualTo("Healthy"));
            Assert.That(ready.EntryStatus("geodata"), Is.EqualTo("Healthy"));
            Assert.That(ready.EntryStatus("shutdown"), Is.EqualTo("Healthy"));
            Assert.That(ready.Entries["postgresql"]!["duration"], Is.Not.Null);
        });
    }

    [Test]
    public async Task Ready_without_geodata_answers_200_Degraded()
    {
        await using var host = ApiInstance.With(("QuickImport:GeoIpDatabase", "/nonexistent.mmdb"));
        using var client = host.CreateClient();

        var ready = await HealthAnswer.GetAsync(client, HealthEndpoints.ReadyPath);

        Assert.Multiple(() =>
        {
            Assert.That(ready.Status, Is.EqualTo(HttpStatusCode.OK), ready.ToString());
            Assert.That(ready.OverallStatus, Is.EqualTo("Degraded"));
            Assert.That(ready.EntryStatus("geodata"), Is.EqualTo("Degraded"));
            Assert.That(ready.EntryDescription("geodata"), Does.StartWith("geodata unavailable: ").And.Contain("/nonexistent.mmdb"));
            Assert.That(ready.EntryStatus("postgresql"), Is.EqualTo("Healthy"));
            Assert.That(ready.EntryStatus("migrations"), Is.EqualTo("Healthy"));
        });
    }

    [Test]
    public async Task Ready_with_PostgreSQL_unreachable_answers_503_Unhealthy_quickly()
    {
        var closed = ClosedPort();
        await using var host = ApiInstance.Start(ApiInstanceOptions.Default
            .OnDatabase($"Host=127.0.0.1;Port={closed};Database=quickimport;Username=quickimport;Password=none;Timeout=2"));
        using var client = host.CreateClient();

        var clock = Stopwatch.StartNew();
        var ready = await HealthAnswer.GetAsync(client, HealthEndpoints.ReadyPath);
        clock.Stop();

        Assert.Multiple(() =>
        {
            Assert.That(ready.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable), ready.ToString());
            Assert.That(ready.OverallStatus, Is.EqualTo("Unhealthy"));
            Assert.That(ready.EntryStatus("postgresql"), Is.EqualTo("Unhealthy"));
            Assert.That(ready.EntryStatus("migrations"), Is.EqualTo("Unhealthy"));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        });

        var live = await HealthAnswer.GetAsync(client, HealthEndpoints.LivePath);
        Assert.That(live.Status, Is.EqualTo(HttpStatusCode.OK), "the process is up even without its database");
    }

    [Test]
    public async Task Ready_answers_503_stopping_once_the_host_is_stopping()
    {
        // The delay keeps the server up after ApplicationStopping, as it does for a load balancer.
        await using var host = ApiInstance.With(("QuickImport:ShutdownDelay", "00:00:02"));
        using var client = host.CreateClient();
        var before = await HealthAnswer.GetAsync(client, HealthEndpoints.ReadyPath);
        Assert.That(before.Status, Is.EqualTo(HttpStatusCode.OK), before.ToString());

        host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        var after = await HealthAnswer.GetAsync(client, HealthEndpoints.ReadyPath);
        var live = await HealthAnswer.GetAsync(client, HealthEndpoints.LivePath);

        Assert.Multiple(() =>
        {
            Assert.That(after.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable), after.ToString());
            Assert.That(after.OverallStatus, Is.EqualTo("Unhealthy"));
            Assert.That(after.EntryStatus("shutdown"), Is.EqualTo("Unhealthy"));
            Assert.That(after.EntryDescription("shutdown"), Is.EqualTo("stopping"));
            Assert.That(live.Status, Is.EqualTo(HttpStatusCode.OK), "still alive while draining");
        });
    }

    [Test]
    public async Task The_shutdown_check_reports_stopping_when_the_host_stops_first()
    {
        var state = new ShutdownState();
        using var lifetime = new CancellationTokenSource();
        var check = new ShutdownHealthCheck(new FakeLifetime(lifetime.Token), state);

        var serving = await check.CheckHealthAsync(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext());
        state.MarkStopping();
        var stopping = await check.CheckHealthAsync(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext());

        Assert.Multiple(() =>
        {
            Assert.That(serving.Status, Is.EqualTo(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy));
            Assert.That(stopping.Status, Is.EqualTo(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy));
            Assert.That(stopping.Description, Is.EqualTo("stopping"));
        });
    }

    [Test]
    public async Task The_shutdown_timeout_is_30_seconds_unless_configured()
    {
        Assert.That(TestEnvironment.Api.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HostOptions>>().Value.ShutdownTimeout,
            Is.EqualTo(TimeSpan.FromSeconds(30)));

        await using var host = ApiInstance.With(("QuickImport:ShutdownTimeout", "00:00:07"));
        Assert.That(host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HostOptions>>().Value.ShutdownTimeout,
            Is.EqualTo(TimeSpan.FromSeconds(7)));
    }

    internal static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class FakeLifetime(CancellationToken stopping) : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => stopping;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
