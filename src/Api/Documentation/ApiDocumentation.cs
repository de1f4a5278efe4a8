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

        // Scalar serves the page at /docs/ and answers /docs with an empty redirect, which curl shows as
        // nothing at all; this one says where the page is. A middleware, because a route would match
        // /docs/ as well (routes ignore a trailing slash) and redirect the page to itself.
        app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsGet(context.Request.Method)
                || !string.Equals(context.Request.Path.Value, ReferencePath, StringComparison.OrdinalIgnoreCase))
            {
                await next(context);
                return;
            }

            var page = $"{context.Request.PathBase}{ReferencePath}/";
            var document = DocumentPattern.Replace("{documentName}", DocumentName, StringComparison.Ordinal);
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = page;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync($"The API reference is at <a href=\"{page}\">{page}</a>; the OpenAPI document at {document}.\n");
        });

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
