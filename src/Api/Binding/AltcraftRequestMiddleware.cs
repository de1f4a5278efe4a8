using Microsoft.Extensions.Options;
using QuickImport.Api.Limits;

namespace QuickImport.Api.Binding;

/// <summary>Reads the parameters of actions marked <see cref="ReadsAltcraftParametersAttribute"/>, once.</summary>
public sealed class AltcraftRequestMiddleware(RequestDelegate next, IOptions<RequestLimits> limits)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ReadsAltcraftParametersAttribute>() is not null)
        {
            context.Features.Set(await RequestParametersReader.ReadAsync(context.Request, limits.Value, context.RequestAborted));
        }

        await next(context);
    }
}
