namespace QuickImport.Api.Binding;

/// <summary>Reads the parameters of actions marked <see cref="ReadsAltcraftParametersAttribute"/>, once.</summary>
public sealed class AltcraftRequestMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ReadsAltcraftParametersAttribute>() is not null)
        {
            context.Features.Set(await RequestParametersReader.ReadAsync(context.Request, context.RequestAborted));
        }

        await next(context);
    }
}
