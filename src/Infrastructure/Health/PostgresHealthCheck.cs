using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace QuickImport.Infrastructure.Health;

/// <summary>
/// PostgreSQL answers: opens a connection from the service's own pool and runs <c>SELECT 1</c>,
/// giving up after <see cref="InfrastructureHealthChecks.CheckTimeout"/>.
/// </summary>
public sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(InfrastructureHealthChecks.CheckTimeout);
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(timeout.Token);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy("PostgreSQL answers");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL did not answer within {InfrastructureHealthChecks.CheckTimeout.TotalSeconds:0.#} s");
        }
        catch (Exception error) when (error is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL unreachable: {error.Message}", error);
        }
    }
}
