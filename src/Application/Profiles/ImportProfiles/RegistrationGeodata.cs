using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using QuickImport.Application.Common.Geo;
using QuickImport.Domain.Fields;

namespace QuickImport.Application.Profiles.ImportProfiles;

/// <summary>
/// The geodata a registration IP gives a profile (SPEC §3, §4): an IPv4 <c>_regip</c> is looked up
/// and each geodata field the request did not send itself is filled, as far as the database knows the
/// address. An IPv6 <c>_regip</c> is stored but not looked up.
/// </summary>
public static class RegistrationGeodata
{
    /// <summary>Looks up the <c>_regip</c> of the parsed <paramref name="fields"/> and fills the geodata fields they lack.</summary>
    /// <returns>The address's location; null without an IPv4 <c>_regip</c>, for an address the database does not know, or without a database.</returns>
    public static GeoLocation? Fill(Dictionary<string, JsonNode> fields, IGeoLocator locator)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(locator);

        if (!fields.TryGetValue(SystemFields.RegistrationIp, out var ip)
            || !IPAddress.TryParse(ip.GetValue<string>(), out var address)
            || address.AddressFamily != AddressFamily.InterNetwork
            || locator.Locate(address) is not { } location)
        {
            return null;
        }

        FillAbsent(fields, SystemFields.RegistrationCountry, location.CountryCode);
        FillAbsent(fields, SystemFields.Region, location.Region);
        FillAbsent(fields, SystemFields.RegistrationCity, location.City);
        FillAbsent(fields, SystemFields.PostalCode, location.PostalCode);
        FillAbsent(fields, SystemFields.TimeZone, location.TimeZone);
        return location;
    }

    // A value the request sent wins; a value the database lacks leaves the field out (never an empty string).
    private static void FillAbsent(Dictionary<string, JsonNode> fields, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            fields.TryAdd(name, JsonValue.Create(value));
        }
    }
}
