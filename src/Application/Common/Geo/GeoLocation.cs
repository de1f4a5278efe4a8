namespace QuickImport.Application.Common.Geo;

/// <summary>What the IP-to-city database tells about an address; a value it does not hold is null.</summary>
/// <param name="CountryCode">ISO 3166 alpha-2, upper case.</param>
/// <param name="Region">The first-level subdivision (state, oblast, Land).</param>
/// <param name="City">The city.</param>
/// <param name="PostalCode">The postal code.</param>
/// <param name="TimeZone">The IANA time zone, e.g. <c>Europe/Moscow</c>.</param>
public sealed record GeoLocation(string? CountryCode, string? Region, string? City, string? PostalCode, string? TimeZone);
