using Npgsql;

namespace QuickImport.Api.IntegrationTests.Infrastructure;

/// <summary>A server named by QUICKIMPORT_TEST_POSTGRES; it outlives the run, so only our database is ours.</summary>
internal sealed class ConfiguredPostgresHost : IPostgresHost
{
    private ConfiguredPostgresHost(string adminConnectionString) => AdminConnectionString = adminConnectionString;

    public string AdminConnectionString { get; }

    public bool IsShared => true;

    public static ConfiguredPostgresHost Create(string connectionString, string variableName)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException(
                $"{variableName} is not a valid Npgsql connection string ({ex.Message}). " +
                "Example: Host=127.0.0.1;Port=5432;Username=postgres;Password=secret", ex);
        }

        PostgresServer.Log(
            $"PostgreSQL for tests: {variableName} (Host={builder.Host};Port={builder.Port};Username={builder.Username})");
        return new ConfiguredPostgresHost(builder.ConnectionString);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
