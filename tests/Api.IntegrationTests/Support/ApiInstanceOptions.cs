using Npgsql;

namespace QuickImport.Api.IntegrationTests.Support;

/// <summary>How an <see cref="ApiInstance"/> differs from the test run's shared one; each method returns new options.</summary>
public sealed record ApiInstanceOptions
{
    /// <summary>In memory, on the test run's database, with the test settings (deduplication off, no rate limit).</summary>
    public static readonly ApiInstanceOptions Default = new();

    private ApiInstanceOptions()
    {
    }

    /// <summary>Configuration settings over the test settings, the later winning.</summary>
    public IReadOnlyList<(string Key, string Value)> Settings { get; private init; } = [];

    /// <summary>On a real Kestrel listening on 127.0.0.1 (a free port) instead of the in-memory TestServer, which enforces none of Kestrel's limits and frames no answers.</summary>
    public bool RealKestrel { get; private init; }

    /// <summary>With the given configuration settings (full keys, e.g. <c>QuickImport:RateLimit:PermitLimit</c>).</summary>
    public ApiInstanceOptions With(params (string Key, string Value)[] settings) => this with { Settings = [.. Settings, .. settings] };

    /// <summary>With deduplication on and these <c>QuickImport:Deduplication</c> settings.</summary>
    public ApiInstanceOptions WithDeduplication(params (string Name, string Value)[] settings) =>
        With([("QuickImport:Deduplication:Enabled", "true"), .. settings.Select(s => ($"QuickImport:Deduplication:{s.Name}", s.Value))]);

    /// <summary>On a database of its own connection string (its own pool, so a fault there hits no other test), migrated by nobody.</summary>
    public ApiInstanceOptions OnDatabase(string connectionString) =>
        With(("ConnectionStrings:QuickImport", connectionString), ("QuickImport:MigrateOnStartup", "false"));

    /// <summary>On the test run's database with extra connection string settings: a pool of its own.</summary>
    public ApiInstanceOptions OnTestDatabase(Action<NpgsqlConnectionStringBuilder> configure)
    {
        var builder = new NpgsqlConnectionStringBuilder(TestEnvironment.ConnectionString);
        configure(builder);
        return OnDatabase(builder.ConnectionString);
    }

    public ApiInstanceOptions OnRealKestrel() => this with { RealKestrel = true };
}
