using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using QuickImport.Api.Controllers.Admin;

namespace QuickImport.Api.Documentation;

/// <summary>
/// The admin API's answers as they really are: a create is a 201 (ApiExplorer sees the action's
/// result type as a 200), a revoke a 204, and every call may fail with RFC 7807 problem details.
/// </summary>
public sealed class AdminOperationTransformer : IOpenApiOperationTransformer
{
    private const string Problem = "application/problem+json";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var controller = (context.Description.ActionDescriptor as ControllerActionDescriptor)?.ControllerTypeInfo;
        if (controller is null || !controller.IsSubclassOf(typeof(AdminController)))
        {
            return Task.CompletedTask;
        }

        operation.Responses ??= [];
        var method = context.Description.HttpMethod;
        if (string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase) && operation.Responses.Remove("200", out var created))
        {
            operation.Responses["201"] = created is OpenApiResponse response
                ? new OpenApiResponse { Description = "Created", Content = response.Content, Headers = response.Headers }
                : created;
        }
        else if (string.Equals(method, "DELETE", StringComparison.OrdinalIgnoreCase))
        {
            operation.Responses.Remove("200");
            operation.Responses["204"] = new OpenApiResponse { Description = "No Content" };
        }

        // The admin API answers JSON only (ApiExplorer also lists MVC's text/plain and text/json formatters).
        foreach (var response in operation.Responses.Values.OfType<OpenApiResponse>())
        {
            if (response.Content is { } content && content.TryGetValue("application/json", out var json))
            {
                response.Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = json };
            }
        }

        if (context.Description.ParameterDescriptions.Any(p => p.Source.Id == "Body"))
        {
            operation.Responses["400"] = ProblemResponse("The body is not valid (problem details name the fields).");
        }

        operation.Responses["401"] = ProblemResponse("No or a wrong admin key in `Authorization: Bearer <admin key>`.");
        operation.Responses["404"] = ProblemResponse("No such object (or no admin key is configured: no admin API).");
        if (!string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase))
        {
            operation.Responses["409"] = ProblemResponse("The change conflicts with the stored state (e.g. a field of that name exists).");
        }

        operation.Responses["503"] = ProblemResponse("Temporary: the database is unavailable or did not answer in time; retry after `Retry-After`.");
        return Task.CompletedTask;
    }

    private static OpenApiResponse ProblemResponse(string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [Problem] = new()
            {
                Schema = Schemas.Object(
                [
                    ("type", Schemas.String()),
                    ("title", Schemas.String()),
                    ("status", Schemas.Integer()),
                    ("detail", Schemas.String()),
                    ("instance", Schemas.String()),
                    ("errors", new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Description = "Validation errors by field.",
                        AdditionalProperties = Schemas.ArrayOf(Schemas.String()),
                    }),
                ]),
            },
        },
    };
}
