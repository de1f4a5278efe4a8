namespace QuickImport.Api.Documentation;

/// <summary>The OpenAPI document and the interactive reference page.</summary>
public static class ApiDocumentation
{
    public static IServiceCollection AddApiDocumentation(this IServiceCollection services) => services;

    public static WebApplication MapApiDocumentation(this WebApplication app) => app;
}
