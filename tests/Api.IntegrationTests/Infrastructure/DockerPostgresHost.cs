using Testcontainers.PostgreSql;

namespace QuickImport.Api.IntegrationTests.Infrastructure;

/// <summary>A throwaway PostgreSQL container started through Testcontainers.</summary>
internal sealed class DockerPostgresHost : IPostgresHost
{
    private const string Image = "postgres:16-alpine";
    private readonly PostgreSqlContainer _container;

    private DockerPostgresHost(PostgreSqlContainer container)
    {
        _container = container;
        AdminConnectionString = container.GetConnectionString();
    }

    public string AdminConnectionString { get; }

    public bool IsShared => false;

    public static async Task<DockerPostgresHost> StartAsync(CancellationToken ct)
    {
        PostgresServer.Log($"PostgreSQL for tests: Docker (Testcontainers, {Image})");

        // Durability is worthless for a database that dies with the test run; turning it off saves seconds.
        var container = new PostgreSqlBuilder(Image)
            .WithCommand(
                "-c", "fsync=off",
                "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off",
                "-c", "max_connections=200")
            .Build();
        try
        {
            await container.StartAsync(ct);
        }
        catch
        {
            await container.DisposeAsync();
            throw;
        }

        return new DockerPostgresHost(container);
    }

    public ValueTask DisposeAsync() => _container.DisposeAsync();
}
