using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using QuickImport.Infrastructure.Persistence;

namespace QuickImport.Infrastructure.Health;

/// <summary>Every EF Core migration the service was built with is applied to its database.</summary>
public sealed class MigrationsHealthCheck(QuickImportDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(InfrastructureHealthChecks.CheckTimeout);
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(timeout.Token)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("all migrations applied")
                : HealthCheckResult.Unhealthy($"{pending.Count} pending migration(s): {string.Join(", ", pending)}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"migrations not checked: PostgreSQL did not answer within {InfrastructureHealthChecks.CheckTimeout.TotalSeconds:0.#} s");
        }
        catch (Exception error) when (error is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"migrations not checked: {error.Message}", error);
        }
    }
}
