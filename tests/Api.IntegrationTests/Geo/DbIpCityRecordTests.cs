using QuickImport.Application.Common.Geo;
using QuickImport.Infrastructure.Geo;

namespace QuickImport.Api.IntegrationTests.Geo;

/// <summary>From DB-IP's record to the application's <see cref="GeoLocation"/>.</summary>
public sealed class DbIpCityRecordTests
{
    [Test]
    public void Every_field_maps_to_its_place()
    {
        var record = new DbIpCityRecord("RU", "Moscow", "Moscow", "101000", "Europe/Moscow");

        Assert.That(record.ToLocation(), Is.EqualTo(new GeoLocation("RU", "Moscow", "Moscow", "101000", "Europe/Moscow")));
    }

    [Test]
    public void Empty_values_of_the_Lite_edition_are_absent_ones()
    {
        var record = new DbIpCityRecord("DE", "Berlin", "Berlin", string.Empty, " ");

        Assert.That(record.ToLocation(), Is.EqualTo(new GeoLocation("DE", "Berlin", "Berlin", null, null)));
    }

    [Test]
    public void The_country_code_is_upper_case() =>
        Assert.That(new DbIpCityRecord("us", null, null, null, null).ToLocation()!.CountryCode, Is.EqualTo("US"));

    [Test]
    public void A_record_with_nothing_in_it_is_no_location() =>
        Assert.That(new DbIpCityRecord(string.Empty, null, string.Empty, null, null).ToLocation(), Is.Null);
}
