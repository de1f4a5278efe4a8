using QuickImport.Api.Errors;

namespace QuickImport.Api;

public static class DependencyInjection
{
    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.AddControllers();
        services.AddExceptionHandler<AltcraftExceptionHandler>();
        services.AddProblemDetails();
        return services;
    }
}
