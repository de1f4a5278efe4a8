using System.Text.Json;
using QuickImport.Api.Admin;
using QuickImport.Api.Errors;
using QuickImport.Api.Limits;
using QuickImport.Api.RateLimiting;

namespace QuickImport.Api;

public static class DependencyInjection
{
    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddControllers()
            .AddJsonOptions(options => options.JsonSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        services.AddExceptionHandler<AltcraftExceptionHandler>();
        services.AddProblemDetails();
        services.Configure<AdminApiOptions>(configuration.GetSection("QuickImport"));
        services.AddScoped<AdminKeyFilter>();
        services.AddTokenRateLimiting(configuration);
        services.AddRequestLimits(configuration);
        return services;
    }
}
