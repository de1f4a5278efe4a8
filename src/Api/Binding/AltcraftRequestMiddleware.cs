using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using QuickImport.Api.Limits;
using QuickImport.Application.Common.Requests;

namespace QuickImport.Api.Binding;

/// <summary>
/// Reads, once, the parameters of actions marked <see cref="ReadsAltcraftParametersAttribute"/>, and
/// the JSON body of actions marked <see cref="ReadsImportJsonAttribute"/> into their command.
/// </summary>
public sealed class AltcraftRequestMiddleware(RequestDelegate next, IOptions<RequestLimits> limits)
{
    private static readonly RequestParameters NoParameters = new(new Dictionary<string, IReadOnlyList<string>>());

    public async Task InvokeAsync(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata;
        if (metadata?.GetMetadata<ReadsAltcraftParametersAttribute>() is not null)
        {
            context.Features.Set(await RequestParametersReader.ReadAsync(context.Request, limits.Value, context.RequestAborted));
        }
        else if (metadata?.GetMetadata<ReadsImportJsonAttribute>() is { } import)
        {
            // A batch may be larger than any other request: the server's own limit is raised for it alone.
            var maxBytes = limits.Value.MaxImportBodyBytes;
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
            {
                bodyLimit.MaxRequestBodySize = maxBytes;
            }

            if (!context.Request.HasJsonContentType())
            {
                throw new MalformedBodyException("the body must be JSON (Content-Type: application/json)");
            }

            var body = await RequestParametersReader.ReadBodyAsync(context.Request, maxBytes, context.RequestAborted);
            var command = ImportJsonBody.Read(body, import.Kind, import.Single, BearerToken.From(context.Request));
            context.Features.Set(command);
            context.Features.Set(new AltcraftRequest(NoParameters, body, command.Token));
        }

        await next(context);
    }
}
