using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QuickImport.Infrastructure.Geo;

namespace QuickImport.Api.IntegrationTests.Geo;

/// <summary>The MaxMind DB adapter without a usable file: geodata is unavailable, nothing fails.</summary>
public sealed class GeoLocatorWithoutDatabaseTests
{
    [Test]
    public void No_configured_path_makes_geodata_unavailable()
    {
        using var unconfigured = new MmdbGeoLocator(Options.Create(new GeoIpOptions()), NullLogger<MmdbGeoLocator>.Instance);

        Assert.That(unconfigured.IsAvailable, Is.False);
    }

    [Test]
    public void A_missing_file_makes_geodata_unavailable_instead_of_failing()
    {
        using var missing = new MmdbGeoLocator(
            Options.Create(new GeoIpOptions { GeoIpDatabase = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.mmdb") }),
            NullLogger<MmdbGeoLocator>.Instance);

        Assert.Multiple(() =>
        {
            Assert.That(missing.IsAvailable, Is.False);
            Assert.That(missing.Locate(IPAddress.Parse("8.8.8.8")), Is.Null);
        });
    }

    [Test]
    public void A_file_that_is_not_a_MaxMind_database_makes_geodata_unavailable_instead_of_failing()
    {
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.mmdb");
        File.WriteAllText(path, "not a database");
        try
        {
            using var unreadable = new MmdbGeoLocator(
                Options.Create(new GeoIpOptions { GeoIpDatabase = path }),
                NullLogger<MmdbGeoLocator>.Instance);

            Assert.That(unreadable.IsAvailable, Is.False);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
