using System.Net;
using System.Net.Sockets;
using MaxMind.Db;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuickImport.Application.Common.Geo;

namespace QuickImport.Infrastructure.Geo;

/// <summary>
/// <see cref="IGeoLocator"/> over a MaxMind DB file (DB-IP "IP to City Lite"). One instance serves the
/// process: the file is memory-mapped once and MaxMind.Db's <see cref="Reader"/> is safe to share
/// across threads. Without a readable file the service still runs; lookups answer null and a warning
/// says why, once, at start.
/// </summary>
public sealed partial class MmdbGeoLocator : IGeoLocator, IDisposable
{
    private readonly Reader? reader;

    public MmdbGeoLocator(IOptions<GeoIpOptions> options, ILogger<MmdbGeoLocator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = options.Value.GeoIpDatabase;
        if (string.IsNullOrWhiteSpace(path))
        {
            LogNotConfigured(logger);
            return;
        }

        if (!File.Exists(path))
        {
            LogMissing(logger, path);
            return;
        }

        try
        {
            reader = new Reader(path, FileAccessMode.MemoryMapped);
            LogLoaded(logger, path, reader.Metadata.DatabaseType, reader.Metadata.BuildDate);
        }
        catch (Exception error) when (error is InvalidDatabaseException or IOException or UnauthorizedAccessException)
        {
            LogUnreadable(logger, path, error.Message);
        }
    }

    public bool IsAvailable => reader is not null;

    public GeoLocation? Locate(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);

        // An IPv4-only database has no tree for IPv6 addresses.
        if (reader is null || (reader.Metadata.IPVersion == 4 && address.AddressFamily != AddressFamily.InterNetwork))
        {
            return null;
        }

        return reader.Find<DbIpCityRecord>(address)?.ToLocation();
    }

    public void Dispose() => reader?.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Geodata unavailable: QuickImport:GeoIpDatabase (QuickImport__GeoIpDatabase) is not set; _regip is stored but not located.")]
    private static partial void LogNotConfigured(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Geodata unavailable: the IP-to-city database {Path} does not exist (scripts/geoip.sh fetches it); _regip is stored but not located.")]
    private static partial void LogMissing(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Geodata unavailable: the IP-to-city database {Path} cannot be read ({Reason}); _regip is stored but not located.")]
    private static partial void LogUnreadable(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Geodata from {Path} ({DatabaseType}, built {BuildDate:yyyy-MM-dd}).")]
    private static partial void LogLoaded(ILogger logger, string path, string databaseType, DateTime buildDate);
}
