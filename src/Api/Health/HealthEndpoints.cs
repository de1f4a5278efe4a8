namespace QuickImport.Api.Health;

/// <summary>Liveness and readiness.</summary>
public static class HealthEndpoints
{
    public static IServiceCollection AddHealth(this IServiceCollection services) => services;

    public static WebApplication MapHealth(this WebApplication app) => app;
}
