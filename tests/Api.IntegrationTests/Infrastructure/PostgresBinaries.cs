using System.Globalization;

namespace QuickImport.Api.IntegrationTests.Infrastructure;

/// <summary>The initdb and pg_ctl of one local PostgreSQL installation.</summary>
internal sealed record PostgresBinaries(string InitDb, string PgCtl)
{
    private const string DebianRoot = "/usr/lib/postgresql";

    public string BinDirectory => Path.GetDirectoryName(InitDb)!;

    /// <summary>initdb/pg_ctl on PATH, else the highest version under /usr/lib/postgresql/*/bin, else null.</summary>
    public static PostgresBinaries? Find()
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var onPath = ExternalCommand.FindOnPath("initdb");
        if (onPath is not null)
        {
            // Debian links single tools into PATH by hand; pg_ctl belongs to the same installation as initdb.
            var resolved = new FileInfo(onPath).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? onPath;
            var found = InDirectory(Path.GetDirectoryName(resolved)!) ?? InDirectory(Path.GetDirectoryName(onPath)!);
            if (found is not null)
            {
                return found;
            }
        }

        if (!Directory.Exists(DebianRoot))
        {
            return null;
        }

        return Directory.EnumerateDirectories(DebianRoot)
            .Select(directory => (Directory: directory, Version: ParseVersion(Path.GetFileName(directory))))
            .Where(candidate => candidate.Version is not null)
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => InDirectory(Path.Combine(candidate.Directory, "bin")))
            .FirstOrDefault(binaries => binaries is not null);
    }

    private static PostgresBinaries? InDirectory(string directory)
    {
        var initDb = Path.Combine(directory, "initdb");
        var pgCtl = Path.Combine(directory, "pg_ctl");
        return ExternalCommand.IsExecutableFile(initDb) && ExternalCommand.IsExecutableFile(pgCtl)
            ? new PostgresBinaries(initDb, pgCtl)
            : null;
    }

    private static Version? ParseVersion(string name) =>
        int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            ? new Version(major, 0)
            : Version.TryParse(name, out var version) ? version : null;
}
