using Npgsql;
using QuickImport.Api.IntegrationTests.Support;
using QuickImport.Infrastructure.Persistence;

namespace QuickImport.Api.IntegrationTests.Persistence;

/// <summary>The connection strings' defaults (ADR 20, ADR 30, docs/benchmarks.md), and that a connection string's own settings win.</summary>
public sealed class ConnectionPoolsTests
{
    private const string Given = "Host=127.0.0.1;Port=5432;Database=quickimport;Username=postgres";

    [Test]
    public void The_import_pool_is_sized_for_the_machine_prepares_statements_with_generic_plans_keeps_sessions_and_fails_fast()
    {
        using var pool = ConnectionPools.ForImports(Given);

        var settings = new NpgsqlConnectionStringBuilder(pool.ConnectionString);

        Assert.Multiple(() =>
        {
            Assert.That(settings.MaxPoolSize, Is.EqualTo(ConnectionPools.DefaultMaxPoolSize).And.InRange(16, 64));
            Assert.That(settings.MaxAutoPrepare, Is.EqualTo(64));
            Assert.That(settings.Options, Is.EqualTo("-c plan_cache_mode=force_generic_plan -c enable_seqscan=off"));
            Assert.That(settings.NoResetOnClose, Is.True);
            Assert.That(settings.Timeout, Is.EqualTo(3));
            Assert.That(settings.CommandTimeout, Is.EqualTo(10));
            Assert.That(settings.Pooling, Is.True);
        });
    }

    [Test]
    public void What_the_connection_string_says_wins()
    {
        using var pool = ConnectionPools.ForImports(
            $"{Given};Maximum Pool Size=7;Max Auto Prepare=0;No Reset On Close=false;Timeout=30;Command Timeout=60;Options=-c plan_cache_mode=auto -c enable_seqscan=on");

        var settings = new NpgsqlConnectionStringBuilder(pool.ConnectionString);

        Assert.Multiple(() =>
        {
            Assert.That(settings.MaxPoolSize, Is.EqualTo(7));
            Assert.That(settings.MaxAutoPrepare, Is.EqualTo(0));
            Assert.That(settings.NoResetOnClose, Is.False);
            Assert.That(settings.Timeout, Is.EqualTo(30));
            Assert.That(settings.CommandTimeout, Is.EqualTo(60));
            Assert.That(settings.Options, Is.EqualTo("-c plan_cache_mode=auto -c enable_seqscan=on"));
        });
    }

    [Test]
    public void The_deduplication_pool_commits_asynchronously_beside_the_options_given()
    {
        using var pool = ConnectionPools.ForDeduplication($"{Given};Options=-c search_path=public");

        var settings = new NpgsqlConnectionStringBuilder(pool.ConnectionString);

        Assert.That(settings.Options, Is.EqualTo("-c search_path=public -c plan_cache_mode=force_generic_plan -c enable_seqscan=off -c synchronous_commit=off"));
        Assert.That(settings.NoResetOnClose, Is.True);
    }

    [TestCase("imports", ExpectedResult = "Index Scan")]
    [TestCase("deduplication", ExpectedResult = "Index Scan")]
    [TestCase("scans allowed", ExpectedResult = "Seq Scan")]
    public async Task<string> A_key_lookup_prepared_while_its_table_was_small_reads_the_index_once_the_table_grew(string pool)
    {
        // The trap: a generic plan made on a one-page table is a scan, and that connection keeps it
        // however large the table becomes, until the table is analyzed again (ADR 32).
        await using var source = pool switch
        {
            "imports" => ConnectionPools.ForImports(TestEnvironment.ConnectionString),
            "deduplication" => ConnectionPools.ForDeduplication(TestEnvironment.ConnectionString),
            _ => ConnectionPools.ForImports($"{TestEnvironment.ConnectionString};Options=-c plan_cache_mode=force_generic_plan -c enable_seqscan=on"),
        };
        await using var connection = await source.OpenConnectionAsync();
        await Execute(connection, "CREATE TEMP TABLE keys (key varchar(64) PRIMARY KEY, status int)");
        await Execute(connection, "INSERT INTO keys SELECT g::text, NULL FROM generate_series(1, 10) AS g");
        await Execute(connection, "ANALYZE keys");
        await Execute(connection, "PREPARE complete(text) AS UPDATE keys SET status = 200 WHERE key = $1");
        await Execute(connection, "EXECUTE complete('1')");
        await Execute(connection, "INSERT INTO keys SELECT g::text, NULL FROM generate_series(11, 100000) AS g");

        await using var explain = new NpgsqlCommand("EXPLAIN EXECUTE complete('50000')", connection);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        return plan.Any(line => line.Contains("Seq Scan", StringComparison.Ordinal)) ? "Seq Scan"
            : plan.Any(line => line.Contains("Index Scan", StringComparison.Ordinal)) ? "Index Scan"
            : string.Join(" / ", plan);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Test]
    public void The_listeners_connection_is_not_pooled_and_fails_fast()
    {
        using var listening = ConnectionPools.ForListening(Given);

        var settings = new NpgsqlConnectionStringBuilder(listening.ConnectionString);

        Assert.Multiple(() =>
        {
            Assert.That(settings.Pooling, Is.False);
            Assert.That(settings.Timeout, Is.EqualTo(3));
            Assert.That(settings.CommandTimeout, Is.EqualTo(10));
        });
    }
}
