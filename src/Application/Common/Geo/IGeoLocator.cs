using System.Net;

namespace QuickImport.Application.Common.Geo;

/// <summary>
/// Where an IP address is, as an IP-to-city database knows it (docs/api.md §4). Infrastructure implements it
/// over the database file; use cases see only this port, not the file's format.
/// </summary>
public interface IGeoLocator
{
    /// <summary>False when no database is loaded (not configured, missing or unreadable): every lookup answers null.</summary>
    bool IsAvailable { get; }

    /// <summary>The location of <paramref name="address"/>; null when the database does not know it or is unavailable.</summary>
    /// <remarks>Safe to call from many threads at once.</remarks>
    GeoLocation? Locate(IPAddress address);
}
