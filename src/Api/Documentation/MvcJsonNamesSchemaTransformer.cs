using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace QuickImport.Api.Documentation;

/// <summary>
/// Gives the controllers' schemas the property names MVC really writes and reads (snake_case, see
/// <see cref="DependencyInjection.AddApi"/>): the OpenAPI generator names properties with the
/// minimal-API JSON options, which the controllers do not use. Only the service's own types are
/// renamed, each property by the member it stands for.
/// </summary>
public sealed class MvcJsonNamesSchemaTransformer(IOptions<Microsoft.AspNetCore.Mvc.JsonOptions> mvcJson) : IOpenApiSchemaTransformer
{
    private static readonly string[] RenamedNamespaces =
    [
        "QuickImport.Application",
        "QuickImport.Domain",
        "QuickImport.Api.Admin",
        "QuickImport.Api.Responses",
    ];

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (schema.Properties is not { Count: > 0 }
            || context.JsonTypeInfo.Kind != JsonTypeInfoKind.Object
            || !RenamedNamespaces.Any(n => type.Namespace?.StartsWith(n, StringComparison.Ordinal) == true))
        {
            return Task.CompletedTask;
        }

        var mvcNames = mvcJson.Value.JsonSerializerOptions.GetTypeInfo(type).Properties
            .Where(p => p.AttributeProvider is not null)
            .ToDictionary(p => p.AttributeProvider!, p => p.Name);
        var renames = context.JsonTypeInfo.Properties
            .Where(p => p.AttributeProvider is not null && mvcNames.ContainsKey(p.AttributeProvider) && mvcNames[p.AttributeProvider] != p.Name)
            .ToDictionary(p => p.Name, p => mvcNames[p.AttributeProvider!], StringComparer.Ordinal);
        if (renames.Count == 0)
        {
            return Task.CompletedTask;
        }

        schema.Properties = schema.Properties.ToDictionary(p => renames.GetValueOrDefault(p.Key, p.Key), p => p.Value);
        if (schema.Required is { Count: > 0 })
        {
            schema.Required = new HashSet<string>(schema.Required.Select(r => renames.GetValueOrDefault(r, r)));
        }

        return Task.CompletedTask;
    }
}
