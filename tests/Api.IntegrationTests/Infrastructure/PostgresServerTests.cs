using Npgsql;

namespace QuickImport.Api.IntegrationTests.Infrastructure;

[TestFixture]
public sealed class PostgresServerTests
{
    [Test]
    [CancelAfter(180_000)]
    public async Task StartAsync_GivesAFreshEmptyDatabaseThatDisposeRemoves(CancellationToken ct)
    {
        var server = await PostgresServer.StartAsync(ct);
        var connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Pooling = false }.ConnectionString;
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);

            await using var version = new NpgsqlCommand("select version()", connection);
            Assert.That(await version.ExecuteScalarAsync(ct), Does.StartWith("PostgreSQL"));
            Assert.That(connection.Database, Does.Match("^quickimport_test_[0-9a-f]+$"));

            await using var tables = new NpgsqlCommand(
                "select count(*) from information_schema.tables where table_schema = 'public'", connection);
            Assert.That(await tables.ExecuteScalarAsync(ct), Is.EqualTo(0L));
        }
        finally
        {
            await server.DisposeAsync();
        }

        await using var afterDispose = new NpgsqlConnection(connectionString);
        Assert.That(async () => await afterDispose.OpenAsync(ct), Throws.InstanceOf<NpgsqlException>());
    }
}
