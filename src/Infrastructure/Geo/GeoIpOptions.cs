namespace QuickImport.Infrastructure.Geo;

/// <summary>Where the IP-to-city database is (<c>QuickImport__GeoIpDatabase</c>).</summary>
public sealed class GeoIpOptions
{
    public const string SectionName = "QuickImport";

    /// <summary>Path of the <c>.mmdb</c> file (DB-IP "IP to City Lite"); without it geodata is unavailable.</summary>
    public string? GeoIpDatabase { get; set; }
}
