using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using QuickImport.Infrastructure.Health;

namespace QuickImport.Api.Health;

/// <summary>
/// Liveness and readiness (docs/operations.md "Health"), and the graceful-shutdown settings
/// ("Shutdown").
/// </summary>
public static class HealthEndpoints
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    /// <summary>The tag of the checks <c>/health/ready</c> runs.</summary>
    public const string ReadyTag = "ready";

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddInfrastructureChecks(ReadyTag)
            .AddCheck<ShutdownHealthCheck>(ShutdownHealthCheck.Name, HealthStatus.Unhealthy, [ReadyTag]);
        services.AddGracefulShutdown();
        return services;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Process up: no check runs, so it answers as long as the process serves requests.
        app.MapHealthChecks(LivePath, new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });

        // Ready for imports: Degraded (no geodata) still takes traffic; Unhealthy (no database,
        // pending migrations, stopping) does not.
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(ReadyTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        return app;
    }
}
