using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using QuickImport.Api.Deduplication;
using QuickImport.Api.Limits;
using QuickImport.Application.Common.Requests;
using QuickImport.Application.Profiles.ImportProfiles;

namespace QuickImport.Api.Binding;

/// <summary>
/// Reads, once, the parameters of actions marked <see cref="ReadsAltcraftParametersAttribute"/> (the
/// quick import's into its command), and the JSON body of actions marked
/// <see cref="ReadsImportJsonAttribute"/> into their command: an import's command is typed before
/// rate limiting, deduplication and telemetry see the request.
/// </summary>
public sealed class AltcraftRequestMiddleware(RequestDelegate next, IOptions<RequestLimits> limits, ImportBudget budget)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata;
        if (metadata?.GetMetadata<ReadsAltcraftParametersAttribute>() is { } reads)
        {
            var (request, body) = await RequestParametersReader.ReadAsync(context.Request, limits.Value, context.RequestAborted);
            context.Features.Set(request);
            if (reads.QuickImport)
            {
                context.Features.Set(QuickImportRequest.Command(request.Token, request.Parameters, context.Request.Headers.Referer.FirstOrDefault()));
                context.Features.Set(DeduplicationKey.For(context.Request, request.Token, body));
            }
        }
        else if (metadata?.GetMetadata<ReadsImportJsonAttribute>() is { } import)
        {
            // Held until the import is answered: its items and profiles are in memory until then.
            using var permit = await budget.EnterAsync(
                context.Request.ContentLength ?? limits.Value.MaxImportBodyBytes, context.RequestAborted);

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

            ReadImport(context, await RequestParametersReader.ReadBodyAsync(context.Request, maxBytes, context.RequestAborted), import);
            await next(context);
            return;
        }

        await next(context);
    }

    /// <summary>
    /// The body read into the import's command, and hashed into its deduplication key: no more is kept
    /// of it, so a 10 MB batch's body is garbage before the import begins.
    /// </summary>
    private static void ReadImport(HttpContext context, byte[] body, ReadsImportJsonAttribute import)
    {
        var command = ImportJsonBody.Read(body, import.Kind, import.Single, BearerToken.From(context.Request));
        context.Features.Set(command);
        context.Features.Set(new AltcraftRequest(RequestParameters.None, command.Token));
        context.Features.Set(DeduplicationKey.For(context.Request, command.Token, body));
    }
}
