using System.Text.Json;
using System.Text.Json.Serialization;
using QuickImport.Api.Admin;
using QuickImport.Api.Deduplication;
using QuickImport.Api.Errors;
using QuickImport.Api.Limits;
using QuickImport.Api.RateLimiting;

namespace QuickImport.Api;

public static class DependencyInjection
{
    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddControllers()
            .AddJsonOptions(options =>
            {
                options.JsonSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;

                // The admin API is typed strictly: ASP.NET Core's web defaults would read "5" as a number.
                options.JsonSerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            });
        services.AddExceptionHandler<AltcraftExceptionHandler>();
        services.AddProblemDetails();
        services.Configure<AdminApiOptions>(configuration.GetSection("QuickImport"));
        services.AddScoped<AdminKeyFilter>();
        services.AddScoped<DeduplicatedImports>();
        services.AddTokenRateLimiting(configuration);
        services.AddRequestLimits(configuration);
        return services;
    }
}
