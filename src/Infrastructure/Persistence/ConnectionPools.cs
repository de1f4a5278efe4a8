using Npgsql;

namespace QuickImport.Infrastructure.Persistence;

/// <summary>
/// The service's two connection pools, with defaults for what the connection string leaves unsaid:
/// a pool sized for the machine rather than Npgsql's 100 (PostgreSQL is fastest with a few busy
/// backends per core, and two pools of 100 overrun its default <c>max_connections</c> of 100 under
/// load); automatic preparation of the statements that recur, which spares PostgreSQL parsing
/// and planning them on every import; and no reset of a connection's session when it goes back to
/// the pool. That reset is seven statements (<c>DISCARD ALL</c> less the prepared statements) run
/// before the next command, once per connection a request opens; the service keeps no session
/// state on a pooled connection (no <c>SET</c>, temporary table, session advisory lock or
/// <c>LISTEN</c>), and Npgsql still rolls back a transaction left open. The one connection that
/// does keep state, the <c>LISTEN</c> of the metadata listener, is its own (<see cref="ForListening"/>).
/// Prepared statements keep one generic plan (<c>plan_cache_mode=force_generic_plan</c>): every
/// statement the service prepares finds its rows by key, so its plan does not depend on the values,
/// and PostgreSQL's default would plan the statements that take arrays (<c>unnest($2, $3)</c>)
/// afresh on every execution, a sixth of its CPU per import (docs/benchmarks.md). A generic plan is
/// made once per connection, though, with the statistics of that moment, and kept while the table
/// grows: made on the nearly empty tables of a fresh database it is a scan, which stays until
/// PostgreSQL analyzes the table again — measured, the deduplication outcomes' <c>UPDATE</c> at 2 ms
/// instead of 0.03 under load, the table growing by a row per request. So scans are the planner's
/// last resort (<c>enable_seqscan=off</c>): a statement that has an index takes it, one that has
/// none still scans (ADR 32).
/// And they fail fast (ADR 20): 3 s to connect or to wait for a free connection, 10 s a command,
/// instead of Npgsql's 15 s and 30 s.
/// </summary>
internal static class ConnectionPools
{
    /// <summary>Connections per pool when the connection string does not set <c>Maximum Pool Size</c>.</summary>
    public static int DefaultMaxPoolSize { get; } = Math.Clamp(8 * Environment.ProcessorCount, 16, 64);

    private const int DefaultMaxAutoPrepare = 64;

    private const string GenericPlans = "-c plan_cache_mode=force_generic_plan";

    private const string ScansLast = "-c enable_seqscan=off";

    private const int DefaultTimeoutSeconds = 3;

    private const int DefaultCommandTimeoutSeconds = 10;

    /// <summary>The pool of EF Core and of the import's SQL.</summary>
    public static NpgsqlDataSource ForImports(string connectionString) =>
        NpgsqlDataSource.Create(WithDefaults(new NpgsqlConnectionStringBuilder(connectionString)).ConnectionString);

    /// <summary>
    /// The pool of the deduplication keys: their statements commit asynchronously, so a key costs no
    /// WAL flush of its own (ADR 11).
    /// </summary>
    public static NpgsqlDataSource ForDeduplication(string connectionString)
    {
        var builder = WithDefaults(new NpgsqlConnectionStringBuilder(connectionString));
        AddOption(builder, "-c synchronous_commit=off");
        return NpgsqlDataSource.Create(builder.ConnectionString);
    }

    /// <summary>
    /// The metadata listener's connection: unpooled, so its <c>LISTEN</c> never reaches another
    /// user, and it takes no import's connection for as long as the service runs. It fails as fast
    /// as the pools' connections, so a dead server is noticed at the next heartbeat.
    /// </summary>
    public static NpgsqlDataSource ForListening(string connectionString)
    {
        var builder = FailingFast(new NpgsqlConnectionStringBuilder(connectionString));
        builder.Pooling = false;
        return NpgsqlDataSource.Create(builder.ConnectionString);
    }

    private static NpgsqlConnectionStringBuilder WithDefaults(NpgsqlConnectionStringBuilder builder)
    {
        var set = Given(builder);
        if (!set.Contains("Maximum Pool Size"))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }

        if (!set.Contains("Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        if (!set.Contains("No Reset On Close"))
        {
            builder.NoResetOnClose = true;
        }

        AddOptionUnlessSet(builder, "plan_cache_mode", GenericPlans);
        AddOptionUnlessSet(builder, "enable_seqscan", ScansLast);

        return FailingFast(builder);
    }

    private static NpgsqlConnectionStringBuilder FailingFast(NpgsqlConnectionStringBuilder builder)
    {
        var set = Given(builder);
        if (!set.Contains("Timeout"))
        {
            builder.Timeout = DefaultTimeoutSeconds;
        }

        if (!set.Contains("Command Timeout"))
        {
            builder.CommandTimeout = DefaultCommandTimeoutSeconds;
        }

        return builder;
    }

    // A setting the connection string's own Options mention wins.
    private static void AddOptionUnlessSet(NpgsqlConnectionStringBuilder builder, string setting, string option)
    {
        if (builder.Options?.Contains(setting, StringComparison.Ordinal) != true)
        {
            AddOption(builder, option);
        }
    }

    private static void AddOption(NpgsqlConnectionStringBuilder builder, string option) =>
        builder.Options = string.IsNullOrEmpty(builder.Options) ? option : $"{builder.Options} {option}";

    // What the string set, under the canonical names (ContainsKey is true of any valid keyword).
    private static HashSet<string> Given(NpgsqlConnectionStringBuilder builder) =>
        builder.Keys.Cast<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
}
