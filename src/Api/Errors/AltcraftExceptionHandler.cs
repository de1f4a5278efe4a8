using Microsoft.AspNetCore.Diagnostics;
using QuickImport.Api.Responses;

namespace QuickImport.Api.Errors;

/// <summary>
/// Answers every exception of the import and read APIs through <see cref="ApiErrorMapper"/>, in
/// every environment; only an unexpected one (a 500) is logged with its stack.
/// </summary>
public sealed partial class AltcraftExceptionHandler(ILogger<AltcraftExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var error = ApiErrorMapper.Map(exception);
        if (error.Status >= StatusCodes.Status500InternalServerError)
        {
            LogUnexpected(logger, exception, httpContext.Request.Path);
        }

        await AltcraftResponseWriter.WriteErrorAsync(httpContext, error);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error answering {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string path);
}
