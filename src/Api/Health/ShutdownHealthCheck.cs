using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace QuickImport.Api.Health;

/// <summary>
/// Unhealthy ("stopping") from the moment the host begins to stop, so <c>/health/ready</c> answers 503
/// and a load balancer stops sending new imports while the in-flight ones finish.
/// </summary>
public sealed class ShutdownHealthCheck(IHostApplicationLifetime lifetime, ShutdownState state) : IHealthCheck
{
    public const string Name = "shutdown";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.IsStopping || lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("stopping")
            : HealthCheckResult.Healthy("serving"));
}

/// <summary>Set when the host begins to stop, before ApplicationStopping when the host itself is stopped first.</summary>
public sealed class ShutdownState
{
    private volatile bool stopping;

    public bool IsStopping => stopping;

    internal void MarkStopping() => stopping = true;
}
