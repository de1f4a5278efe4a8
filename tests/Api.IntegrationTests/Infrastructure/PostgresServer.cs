using System.Security.Cryptography;
using Npgsql;

namespace QuickImport.Api.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh, empty PostgreSQL database for one test run, on the first server available of:
/// the one named by <c>QUICKIMPORT_TEST_POSTGRES</c>, a Testcontainers container when Docker answers,
/// a throwaway cluster made with the machine's PostgreSQL binaries. Never any other database engine.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string ConnectionStringVariable = "QUICKIMPORT_TEST_POSTGRES";

    internal const string NoPostgresMessage =
        "No PostgreSQL for the tests: set QUICKIMPORT_TEST_POSTGRES to a connection string, start Docker, " +
        "or install PostgreSQL server binaries (Debian: apt-get install postgresql)";

    private readonly IPostgresHost _host;
    private readonly string _databaseName;
    private int _disposed;

    private PostgresServer(IPostgresHost host, string databaseName, string connectionString)
    {
        _host = host;
        _databaseName = databaseName;
        ConnectionString = connectionString;
    }

    /// <summary>Npgsql connection string of the fresh database.</summary>
    public string ConnectionString { get; }

    public static async Task<PostgresServer> StartAsync(CancellationToken ct = default)
    {
        var host = await StartHostAsync(ct);
        try
        {
            var databaseName = "quickimport_test_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
            await using (var connection = await OpenAdminConnectionAsync(host, ct))
            await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{databaseName}\"", connection))
            {
                await create.ExecuteNonQueryAsync(ct);
            }

            var connectionString = new NpgsqlConnectionStringBuilder(host.AdminConnectionString)
            {
                Database = databaseName,
            }.ConnectionString;
            Log($"PostgreSQL for tests: fresh database {databaseName}");
            return new PostgresServer(host, databaseName, connectionString);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            using (var pooled = new NpgsqlConnection(ConnectionString))
            {
                NpgsqlConnection.ClearPool(pooled);
            }

            if (_host.IsShared)
            {
                await DropDatabaseAsync();
            }
        }
        finally
        {
            await _host.DisposeAsync();
        }
    }

    internal static void Log(string message) => TestContext.Progress.WriteLine(message);

    private static async Task<IPostgresHost> StartHostAsync(CancellationToken ct)
    {
        var configured = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return ConfiguredPostgresHost.Create(configured, ConnectionStringVariable);
        }

        var binaries = PostgresBinaries.Find();
        if (await DockerEngine.AnswersAsync(ct))
        {
            try
            {
                return await DockerPostgresHost.StartAsync(ct);
            }
            catch (Exception ex) when (binaries is not null && ex is not OperationCanceledException)
            {
                // Docker answers but cannot run the image (offline pull, no permission): local binaries still do.
                Log($"PostgreSQL for tests: Docker failed ({ex.GetType().Name}: {ex.Message}); using local binaries");
            }
        }
        else
        {
            Log("PostgreSQL for tests: no Docker engine answers (DOCKER_HOST or /var/run/docker.sock)");
        }

        if (binaries is not null)
        {
            return await LocalPostgresCluster.StartAsync(binaries, ct);
        }

        throw new InvalidOperationException(NoPostgresMessage);
    }

    private static async Task<NpgsqlConnection> OpenAdminConnectionAsync(IPostgresHost host, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(host.AdminConnectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task DropDatabaseAsync()
    {
        try
        {
            await using var connection = await OpenAdminConnectionAsync(_host, CancellationToken.None);

            // FORCE (PostgreSQL 13+) ends sessions the application under test may still hold.
            var force = connection.PostgreSqlVersion.Major >= 13 ? " WITH (FORCE)" : string.Empty;
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\"{force}", connection);
            await drop.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException ex)
        {
            Log($"Could not drop test database {_databaseName}: {ex.Message}");
        }
    }
}
