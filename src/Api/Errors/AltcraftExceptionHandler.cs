using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using QuickImport.Api.Responses;
using QuickImport.Application.Common.Deduplication;
using QuickImport.Application.Common.Exceptions;

namespace QuickImport.Api.Errors;

/// <summary>
/// Answers every exception through <see cref="ApiErrorMapper"/>, in every environment, in the form
/// of the API it came from: RFC 7807 problem details for the admin API, Altcraft's JSON envelope for
/// the read API, Altcraft's plain text (or JSON on request) for the import. Only an unexpected
/// exception (a 500) is logged with its stack; a 503 (the database is unavailable) is a warning
/// and tells the client when to retry.
/// </summary>
public sealed partial class AltcraftExceptionHandler(
    ILogger<AltcraftExceptionHandler> logger,
    IProblemDetailsService problemDetails) : IExceptionHandler
{
    // A restarted PostgreSQL accepts connections again within seconds; the pool reconnects by itself.
    // A running identical request's outcome is stored within moments.
    private const string RetryAfterSeconds = "1";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var error = ApiErrorMapper.Map(exception);
        if (exception is DuplicateInProgressException)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
        }
        else if (error.Status == StatusCodes.Status503ServiceUnavailable)
        {
            LogUnavailable(logger, httpContext.Request.Path, exception.GetBaseException().Message);
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
        }
        else if (error.Status >= StatusCodes.Status500InternalServerError)
        {
            LogUnexpected(logger, exception, httpContext.Request.Path);
        }

        var path = httpContext.Request.Path;
        if (path.StartsWithSegments("/api/admin"))
        {
            httpContext.Response.StatusCode = error.Status;
            return await problemDetails.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                Exception = exception,
                ProblemDetails = Problem(error, exception),
            });
        }

        await AltcraftResponseWriter.WriteErrorAsync(httpContext, error, alwaysJson: path.StartsWithSegments("/api/v1.1"));
        return true;
    }

    private static ProblemDetails Problem(ApiError error, Exception exception)
    {
        var title = ResponseTexts.ReasonPhrase(error.Status);
        if (exception is RequestValidationException validation)
        {
            var errors = validation.Failures
                .GroupBy(f => f.PropertyName)
                .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).ToArray());
            return new ValidationProblemDetails(errors) { Status = error.Status, Title = title, Detail = error.Detail };
        }

        return new ProblemDetails { Status = error.Status, Title = title, Detail = error.Detail };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable answering {Path}: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error answering {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string path);
}
