using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QuickImport.Api.IntegrationTests.Support;
using QuickImport.Application.Common.Geo;
using QuickImport.Infrastructure.Geo;

namespace QuickImport.Api.IntegrationTests.Geo;

/// <summary>docs/api.md §4: without the database file the service starts, imports work, and it says geodata is unavailable.</summary>
public sealed class GeodataUnavailableTests
{
    private string missingPath = null!;
    private ApiInstance host = null!;

    [OneTimeSetUp]
    public void StartHostWithoutTheDatabase()
    {
        missingPath = Path.Combine(Path.GetTempPath(), $"quickimport-missing-{Guid.NewGuid():N}.mmdb");
        host = ApiInstance.With(("QuickImport:GeoIpDatabase", missingPath));
    }

    [OneTimeTearDown]
    public async Task StopHost() => await host.DisposeAsync();

    [Test]
    public void The_service_reports_geodata_as_unavailable() =>
        Assert.That(host.Services.GetRequiredService<IGeoLocator>().IsAvailable, Is.False);

    [Test]
    public async Task Imports_work_and_store_the_registration_ip_without_geodata()
    {
        var account = await TestData.CreateAccountAsync();

        var first = await host.ImportAsync(
            account, ("email", "ann@example.com"), ("_regip", "77.88.55.242"), ("phone", "8 (495) 123-45-67"));
        var second = await host.ImportAsync(account, ("email", "bob@example.com"), ("_regip", "8.8.8.8"));

        Assert.Multiple(() =>
        {
            Assert.That(first.Status, Is.EqualTo(HttpStatusCode.OK), first.ToString());
            Assert.That(second.Status, Is.EqualTo(HttpStatusCode.OK), second.ToString());
        });
        var stored = await TestData.FindProfileAsync(first.ProfileId);
        Assert.Multiple(() =>
        {
            Assert.That(stored!.Fields["_regip"]!.GetValue<string>(), Is.EqualTo("77.88.55.242"));
            Assert.That(stored.Fields.ContainsKey("_regcountry"), Is.False);
            Assert.That(stored.Phones, Is.EqualTo(new[] { "+74951234567" }), "read in the default region, RU");
        });
    }

    [Test]
    public async Task A_warning_naming_the_file_is_logged_once()
    {
        var account = await TestData.CreateAccountAsync();
        await host.ImportAsync(account, ("email", "carol@example.com"), ("_regip", "77.88.55.242"));
        await host.ImportAsync(account, ("email", "dave@example.com"), ("_regip", "77.88.55.242"));

        var warnings = host.Log.Entries
            .Where(e => e.Category == typeof(MmdbGeoLocator).FullName && e.Level == LogLevel.Warning)
            .ToList();

        Assert.That(warnings, Has.Count.EqualTo(1));
        Assert.That(warnings[0].Message, Does.Contain(missingPath).And.Contain("unavailable"));
    }
}
