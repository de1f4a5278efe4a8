using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QuickImport.Api.IntegrationTests.Support;
using QuickImport.Infrastructure.Geo;

namespace QuickImport.Api.IntegrationTests.Geo;

/// <summary>
/// The MaxMind DB adapter against the real DB-IP file. Only countries of well-known, long-lived
/// addresses are asserted: cities move between DB-IP's monthly releases.
/// </summary>
public sealed class GeoLocatorTests
{
    private MmdbGeoLocator locator = null!;

    [OneTimeSetUp]
    public void OpenDatabase()
    {
        GeoIpTestDatabase.EnsurePresent();
        locator = new MmdbGeoLocator(
            Options.Create(new GeoIpOptions { GeoIpDatabase = GeoIpTestDatabase.Path }),
            NullLogger<MmdbGeoLocator>.Instance);
    }

    [OneTimeTearDown]
    public void CloseDatabase() => locator?.Dispose();

    [Test]
    public void The_database_file_is_loaded() => Assert.That(locator.IsAvailable, Is.True);

    [TestCase("8.8.8.8", "US", TestName = "Google Public DNS is in the US")]
    [TestCase("77.88.55.242", "RU", TestName = "Yandex is in Russia")]
    [TestCase("1.1.1.1", "AU", TestName = "1.1.1.1 (APNIC's research prefix) is in Australia")]
    [TestCase("193.99.144.80", "DE", TestName = "heise.de is in Germany")]
    [TestCase("202.12.27.33", "JP", TestName = "the M root server (WIDE) is in Japan")]
    public void A_well_known_address_is_located_in_its_country(string ip, string country)
    {
        var location = locator.Locate(IPAddress.Parse(ip));

        Assert.Multiple(() =>
        {
            Assert.That(location, Is.Not.Null);
            Assert.That(location!.CountryCode, Is.EqualTo(country));
            Assert.That(location.City, Is.Not.Empty, "DB-IP's city edition names a city for these");
        });
    }

    [TestCase("10.1.2.3")]
    [TestCase("127.0.0.1")]
    [TestCase("192.168.1.1")]
    [TestCase("224.0.0.1")]
    public void A_private_or_reserved_address_is_unknown(string ip) =>
        Assert.That(locator.Locate(IPAddress.Parse(ip)), Is.Null);

    [Test]
    public void An_IPv6_address_is_not_looked_up_in_the_IPv4_database() =>
        Assert.That(locator.Locate(IPAddress.Parse("2a02:6b8::2:242")), Is.Null);

    [Test]
    public void Lookups_from_many_threads_at_once_agree()
    {
        var addresses = new[] { "8.8.8.8", "77.88.55.242", "193.99.144.80", "202.12.27.33" }.Select(IPAddress.Parse).ToArray();
        var expected = addresses.Select(a => locator.Locate(a)!.CountryCode).ToArray();

        var mismatches = 0;
        Parallel.For(0, 20_000, i =>
        {
            if (locator.Locate(addresses[i % addresses.Length])!.CountryCode != expected[i % addresses.Length])
            {
                Interlocked.Increment(ref mismatches);
            }
        });

        Assert.That(mismatches, Is.Zero);
    }
}
