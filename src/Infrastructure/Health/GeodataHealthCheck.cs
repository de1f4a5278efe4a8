using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using QuickImport.Application.Common.Geo;
using QuickImport.Infrastructure.Geo;

namespace QuickImport.Infrastructure.Health;

/// <summary>
/// The IP-to-city database is loaded. Without it imports still work (docs/api.md §4: <c>_regip</c> is stored,
/// not located), so its absence is <see cref="HealthStatus.Degraded"/>, never Unhealthy.
/// </summary>
public sealed class GeodataHealthCheck(IGeoLocator locator, IOptions<GeoIpOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var path = options.Value.GeoIpDatabase;
        if (locator.IsAvailable)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"geodata loaded from {path}"));
        }

        var reason = string.IsNullOrWhiteSpace(path) ? "QuickImport:GeoIpDatabase is not set"
            : !File.Exists(path) ? $"{path} does not exist"
            : $"{path} cannot be read";
        return Task.FromResult(HealthCheckResult.Degraded($"geodata unavailable: {reason}"));
    }
}
