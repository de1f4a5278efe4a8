using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace QuickImport.Infrastructure.Health;

/// <summary>Registers the readiness checks of what Infrastructure owns: PostgreSQL, migrations, geodata.</summary>
public static class InfrastructureHealthChecks
{
    public const string PostgreSql = "postgresql";
    public const string Migrations = "migrations";
    public const string Geodata = "geodata";

    /// <summary>How long a database check waits before it reports PostgreSQL as not answering.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    public static IHealthChecksBuilder AddInfrastructureChecks(this IHealthChecksBuilder builder, params string[] tags)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddCheck<PostgresHealthCheck>(PostgreSql, HealthStatus.Unhealthy, tags)
            .AddCheck<MigrationsHealthCheck>(Migrations, HealthStatus.Unhealthy, tags)
            .AddCheck<GeodataHealthCheck>(Geodata, HealthStatus.Degraded, tags);
    }
}
