using Microsoft.Extensions.Diagnostics.HealthChecks;
using QuickImport.Api.Health;

namespace QuickImport.Api.Queue;

/// <summary>The queue entry point, composed only when <c>QuickImport:RabbitMq:Uri</c> is set: unset, the service runs without it.</summary>
public static class QueueSetup
{
    public static IServiceCollection AddQueue(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(RabbitMqOptions.SectionName);
        if (string.IsNullOrWhiteSpace(section[nameof(RabbitMqOptions.Uri)]))
        {
            return services;
        }

        services.Configure<RabbitMqOptions>(section);
        services.AddSingleton<QueueMetrics>();
        services.AddSingleton<QueueMessageImporter>();
        services.AddSingleton<RabbitMqConsumer>();
        services.AddHostedService(provider => provider.GetRequiredService<RabbitMqConsumer>());
        services.AddHealthChecks()
            .AddCheck<RabbitMqHealthCheck>(RabbitMqHealthCheck.Name, HealthStatus.Degraded, [HealthEndpoints.ReadyTag]);
        return services;
    }
}
