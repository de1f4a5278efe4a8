using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace QuickImport.Api.Documentation;

/// <summary>Small builders of OpenAPI schemas, parameters and responses.</summary>
internal static class Schemas
{
    public static OpenApiSchema String(string? description = null, string? format = null) =>
        new() { Type = JsonSchemaType.String, Description = description, Format = format };

    public static OpenApiSchema Integer(string? description = null) =>
        new() { Type = JsonSchemaType.Integer, Format = "int32", Description = description };

    public static OpenApiSchema Boolean(string? description = null) =>
        new() { Type = JsonSchemaType.Boolean, Description = description };

    public static OpenApiSchema Enum(string description, params string[] values) =>
        new() { Type = JsonSchemaType.String, Description = description, Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))] };

    public static OpenApiSchema ArrayOf(IOpenApiSchema items, string? description = null) =>
        new() { Type = JsonSchemaType.Array, Items = items, Description = description };

    public static OpenApiSchema Object(IEnumerable<(string Name, IOpenApiSchema Schema)> properties, string? description = null, params string[] required) =>
        new()
        {
            Type = JsonSchemaType.Object,
            Description = description,
            Properties = properties.ToDictionary(p => p.Name, p => p.Schema),
            Required = required.Length == 0 ? null : new HashSet<string>(required),
        };

    /// <summary>Any JSON value a flat Altcraft JSON body allows: a string, number, boolean or list of strings.</summary>
    public static OpenApiSchema FieldValue(string description) =>
        new()
        {
            Description = description,
            AnyOf = [String(), new OpenApiSchema { Type = JsonSchemaType.Number }, Boolean(), ArrayOf(String())],
        };

    public static OpenApiMediaType Text(params string[] examples) =>
        new()
        {
            Schema = String(),
            Example = examples.Length == 1 ? JsonValue.Create(examples[0]) : null,
            Examples = examples.Length > 1
                ? examples.ToDictionary(e => e, e => (IOpenApiExample)new OpenApiExample { Summary = e, Value = JsonValue.Create(e) })
                : null,
        };

    public static OpenApiMediaType Json(IOpenApiSchema schema, params JsonObject[] examples) =>
        new()
        {
            Schema = schema,
            Example = examples.Length == 1 ? examples[0] : null,
            Examples = examples.Length > 1
                ? examples.ToDictionary(e => e["error_text"]!.GetValue<string>(), e => (IOpenApiExample)new OpenApiExample { Value = e })
                : null,
        };
}
