using Npgsql;
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
            Assert.That(settings.Options, Is.EqualTo("-c plan_cache_mode=force_generic_plan"));
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
            $"{Given};Maximum Pool Size=7;Max Auto Prepare=0;No Reset On Close=false;Timeout=30;Command Timeout=60;Options=-c plan_cache_mode=auto");

        var settings = new NpgsqlConnectionStringBuilder(pool.ConnectionString);

        Assert.Multiple(() =>
        {
            Assert.That(settings.MaxPoolSize, Is.EqualTo(7));
            Assert.That(settings.MaxAutoPrepare, Is.EqualTo(0));
            Assert.That(settings.NoResetOnClose, Is.False);
            Assert.That(settings.Timeout, Is.EqualTo(30));
            Assert.That(settings.CommandTimeout, Is.EqualTo(60));
            Assert.That(settings.Options, Is.EqualTo("-c plan_cache_mode=auto"));
        });
    }

    [Test]
    public void The_deduplication_pool_commits_asynchronously_beside_the_options_given()
    {
        using var pool = ConnectionPools.ForDeduplication($"{Given};Options=-c search_path=public");

        var settings = new NpgsqlConnectionStringBuilder(pool.ConnectionString);

        Assert.That(settings.Options, Is.EqualTo("-c search_path=public -c plan_cache_mode=force_generic_plan -c synchronous_commit=off"));
        Assert.That(settings.NoResetOnClose, Is.True);
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
