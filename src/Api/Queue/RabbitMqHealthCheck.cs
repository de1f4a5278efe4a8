using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace QuickImport.Api.Queue;

/// <summary>
/// The broker, as <c>/health/ready</c> reports it when a URI is configured: Degraded, not Unhealthy,
/// while the consumer is not subscribed, since the instance still serves HTTP imports and a load
/// balancer must not take it out for the broker's sake; queued messages wait for the reconnection.
/// </summary>
public sealed class RabbitMqHealthCheck(RabbitMqConsumer consumer) : IHealthCheck
{
    public const string Name = "rabbitmq";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(consumer.IsConsuming
            ? HealthCheckResult.Healthy($"consuming {RabbitMqOptions.ImportQueue}")
            : HealthCheckResult.Degraded($"not connected to RabbitMQ; reconnecting, {RabbitMqOptions.ImportQueue} waits"));
}
