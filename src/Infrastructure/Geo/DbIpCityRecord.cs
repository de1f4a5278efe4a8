using MaxMind.Db;
using QuickImport.Application.Common.Geo;

namespace QuickImport.Infrastructure.Geo;

/// <summary>
/// A record of DB-IP's "IP to City Lite" in the MaxMind DB layout of the ip-location-db packages. The
/// Lite edition leaves <c>postcode</c> and <c>timezone</c> empty and the fields unused here
/// (<c>state2</c>, coordinates) are not decoded.
/// </summary>
public sealed class DbIpCityRecord
{
    private static readonly GeoLocation Empty = new(null, null, null, null, null);

    [Constructor]
    public DbIpCityRecord(
        [MapKey("country_code")] string? countryCode,
        [MapKey("state1")] string? state1,
        [MapKey("city")] string? city,
        [MapKey("postcode")] string? postcode,
        [MapKey("timezone")] string? timezone)
    {
        CountryCode = countryCode;
        State1 = state1;
        City = city;
        Postcode = postcode;
        Timezone = timezone;
    }

    public string? CountryCode { get; }

    public string? State1 { get; }

    public string? City { get; }

    public string? Postcode { get; }

    public string? Timezone { get; }

    /// <summary>The record as the application sees it: empty values are absent ones; null when it holds nothing.</summary>
    public GeoLocation? ToLocation()
    {
        var country = Value(CountryCode)?.ToUpperInvariant();
        var location = new GeoLocation(country, Value(State1), Value(City), Value(Postcode), Value(Timezone));
        return location == Empty ? null : location;
    }

    private static string? Value(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
