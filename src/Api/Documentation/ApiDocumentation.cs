using Scalar.AspNetCore;

namespace QuickImport.Api.Documentation;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>) and the interactive reference page (<c>/docs</c>),
/// in every environment. The page's script and styles are served from the Scalar package itself
/// (no CDN), so it works without internet access.
/// </summary>
public static class ApiDocumentation
{
    public const string DocumentName = "v1";
    public const string DocumentPattern = "/openapi/{documentName}.json";
    public const string ReferencePath = "/docs";

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services)
    {
        services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer<QuickImportDocumentTransformer>();
            options.AddOperationTransformer<AltcraftOperationTransformer>();
            options.AddOperationTransformer<ImportFamilyOperationTransformer>();
            options.AddOperationTransformer<AdminOperationTransformer>();
            options.AddSchemaTransformer<MvcJsonNamesSchemaTransformer>();
        });
        return services;
    }

    public static WebApplication MapApiDocumentation(this WebApplication app)
    {
        app.MapOpenApi(DocumentPattern);
        app.MapScalarApiReference(ReferencePath, options => options
            .WithTitle("QuickImport API reference")
            .WithOpenApiRoutePattern(DocumentPattern)
            .AddDocument(DocumentName)
            .DisableDefaultFonts() // the default fonts come from a CDN
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools()
            .AddPreferredSecuritySchemes(SecuritySchemes.ApiToken)
            .WithDefaultHttpClient(ScalarTarget.Shell, ScalarClient.Curl));
        return app;
    }
}
