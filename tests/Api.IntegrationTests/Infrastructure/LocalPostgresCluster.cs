using System.Globalization;
using System.Security.Cryptography;
using Npgsql;

namespace QuickImport.Api.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway cluster made with the machine's own initdb/pg_ctl in a temporary directory,
/// listening on 127.0.0.1 and a free port; stopped and deleted on dispose.
/// </summary>
internal sealed class LocalPostgresCluster : IPostgresHost
{
    private const string SystemUser = "postgres";
    private const int PortAttempts = 3;
    private const string DirectoryPrefix = "quickimport-pg-";
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan InitDbTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly PostgresBinaries _binaries;
    private readonly string _root;
    private readonly bool _asRoot;
    private int _stopped;

    private LocalPostgresCluster(PostgresBinaries binaries, string root, bool asRoot)
    {
        _binaries = binaries;
        _root = root;
        _asRoot = asRoot;
    }

    public string AdminConnectionString { get; private set; } = string.Empty;

    public bool IsShared => false;

    private string DataDirectory => Path.Combine(_root, "data");

    private string SocketDirectory => Path.Combine(_root, "sockets");

    private string LogFile => Path.Combine(_root, "postgres.log");

    public static async Task<LocalPostgresCluster> StartAsync(PostgresBinaries binaries, CancellationToken ct)
    {
        // initdb refuses to run as root, so root runs it as the postgres system user, who must reach the directory.
        var asRoot = Environment.IsPrivilegedProcess;
        var tempBase = asRoot ? "/tmp" : Path.GetTempPath();
        DeleteAbandonedClusters(tempBase);
        var root = Path.Combine(tempBase, DirectoryPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
        var cluster = new LocalPostgresCluster(binaries, root, asRoot);
        try
        {
            await cluster.InitializeAsync(ct);
            await cluster.StartServerAsync(ct);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        AppDomain.CurrentDomain.ProcessExit += cluster.OnProcessExit;
        return cluster;
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            var result = await RunAsync(_binaries.PgCtl, StopArguments(), StopTimeout, CancellationToken.None);
            if (!result.Succeeded)
            {
                PostgresServer.Log($"pg_ctl stop failed (exit {result.ExitCode}): {result.Output}");
            }
        }

        DeleteRoot();
    }

    private async Task InitializeAsync(CancellationToken ct)
    {
        if (_asRoot)
        {
            EnsureRootCanDelegate();
        }

        Directory.CreateDirectory(_root);
        Directory.CreateDirectory(SocketDirectory);
        if (_asRoot)
        {
            var chown = await ExternalCommand.RunAsync(
                "chown", ["-R", SystemUser + ":", _root], _root, StopTimeout, ct);
            if (!chown.Succeeded)
            {
                throw new InvalidOperationException($"Could not hand {_root} to the {SystemUser} user: {chown.Output}");
            }
        }

        PostgresServer.Log($"PostgreSQL for tests: local binaries in {_binaries.BinDirectory}, throwaway cluster in {_root}");

        var initDb = await RunAsync(
            _binaries.InitDb,
            [
                "-D", DataDirectory,
                "-U", SystemUser,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=" + await ChooseLocaleAsync(ct),
                "--no-sync",
            ],
            InitDbTimeout,
            ct);
        if (!initDb.Succeeded)
        {
            throw new InvalidOperationException($"initdb failed (exit {initDb.ExitCode}):\n{initDb.Output}");
        }
    }

    private async Task StartServerAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Find();
            var options = string.Join(
                ' ',
                "-c listen_addresses=127.0.0.1",
                "-p " + port.ToString(CultureInfo.InvariantCulture),
                $"-k '{SocketDirectory}'",
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
                "-c max_connections=200");
            var start = await RunAsync(
                _binaries.PgCtl,
                ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", options, "start"],
                StartTimeout,
                ct);
            if (start.Succeeded)
            {
                AdminConnectionString = new NpgsqlConnectionStringBuilder
                {
                    Host = "127.0.0.1",
                    Port = port,
                    Username = SystemUser,
                    Database = "postgres",
                }.ConnectionString;
                await WaitUntilAcceptingConnectionsAsync(ct);
                PostgresServer.Log($"PostgreSQL for tests: cluster listening on 127.0.0.1:{port}");
                return;
            }

            var log = ReadLog();
            if (attempt < PortAttempts && log.Contains("could not bind", StringComparison.OrdinalIgnoreCase))
            {
                // Someone took the port between our probe and the server's bind; try another.
                continue;
            }

            throw new InvalidOperationException(
                $"pg_ctl start failed (exit {start.ExitCode}):\n{start.Output}\n--- {LogFile} ---\n{log}");
        }
    }

    private async Task WaitUntilAcceptingConnectionsAsync(CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + ReadyTimeout;
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Pooling = false, Timeout = 5 };
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(ct);
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
            }
            catch (NpgsqlException ex)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL started but accepted no connection within {ReadyTimeout.TotalSeconds:0} s: {ex.Message}\n" +
                    $"--- {LogFile} ---\n{ReadLog()}",
                    ex);
            }
        }
    }

    private static async Task<string> ChooseLocaleAsync(CancellationToken ct)
    {
        // C.UTF-8 sorts bytewise like C but still knows non-ASCII case (lower() on Cyrillic); plain C is the fallback.
        try
        {
            var locales = await ExternalCommand.RunAsync("locale", ["-a"], Path.GetTempPath(), TimeSpan.FromSeconds(10), ct);
            var hasCUtf8 = locales.Output
                .Split('\n', StringSplitOptions.TrimEntries)
                .Any(name => name.Equals("C.UTF-8", StringComparison.OrdinalIgnoreCase)
                    || name.Equals("C.utf8", StringComparison.OrdinalIgnoreCase));
            return hasCUtf8 ? "C.UTF-8" : "C";
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            return "C";
        }
    }

    private static void EnsureRootCanDelegate()
    {
        var hasUser = File.Exists("/etc/passwd")
            && File.ReadLines("/etc/passwd").Any(line => line.StartsWith(SystemUser + ":", StringComparison.Ordinal));
        if (!hasUser)
        {
            throw new InvalidOperationException(
                $"Running as root: initdb refuses root and there is no '{SystemUser}' user to run it as. " +
                "Create one (useradd --system postgres) or install Debian's postgresql package, which does.");
        }

        if (ExternalCommand.FindOnPath("runuser") is null && !File.Exists("/usr/sbin/runuser") && !File.Exists("/sbin/runuser"))
        {
            throw new InvalidOperationException(
                "Running as root: initdb refuses root and 'runuser' (util-linux) is not installed to run it as postgres.");
        }
    }

    // A run killed before it could clean up leaves its directory behind; one with no server for a while is abandoned.
    private static void DeleteAbandonedClusters(string tempBase)
    {
        foreach (var directory in Directory.EnumerateDirectories(tempBase, DirectoryPrefix + "*"))
        {
            var abandoned = !File.Exists(Path.Combine(directory, "data", "postmaster.pid"))
                && Directory.GetLastWriteTimeUtc(directory) < DateTime.UtcNow - AbandonedAfter;
            if (!abandoned)
            {
                continue;
            }

            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Someone else's, or still in use; not ours to insist on.
            }
        }
    }

    private string[] StopArguments() => ["-D", DataDirectory, "-m", "immediate", "-w", "-t", "20", "stop"];

    private Task<CommandResult> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct)
    {
        var (fileName, fullArguments) = AsPostgresUser(program, arguments);
        return ExternalCommand.RunAsync(fileName, fullArguments, _root, timeout, ct);
    }

    private (string FileName, IReadOnlyList<string> Arguments) AsPostgresUser(string program, IReadOnlyList<string> arguments) =>
        _asRoot ? ("runuser", ["-u", SystemUser, "--", program, .. arguments]) : (program, arguments);

    // Last resort when the run ends without DisposeAsync: leave no postgres process behind.
    private void OnProcessExit(object? sender, EventArgs e)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        var (fileName, arguments) = AsPostgresUser(_binaries.PgCtl, StopArguments());
        ExternalCommand.Run(fileName, arguments, _root, StopTimeout);
        DeleteRoot();
    }

    private string ReadLog() => ServerDirectory.ReadLog(LogFile);

    private void DeleteRoot() => ServerDirectory.Delete(_root, PostgresServer.Log);
}
