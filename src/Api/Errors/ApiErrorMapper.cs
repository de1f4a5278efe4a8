using Microsoft.AspNetCore.Http;
using QuickImport.Api.Binding;
using QuickImport.Api.Responses;
using QuickImport.Application.Common.Deduplication;
using QuickImport.Application.Common.Exceptions;
using QuickImport.Application.Common.Security;
using QuickImport.Application.Profiles.GetProfile;
using QuickImport.Domain.Common;
using QuickImport.Domain.Importing;
using QuickImport.Domain.Matching;
using QuickImport.Domain.Profiles;
using QuickImport.Domain.Tariff;
using QuickImport.Infrastructure.Persistence.Resilience;

namespace QuickImport.Api.Errors;

/// <summary>The one place where an outcome becomes an HTTP status and text.</summary>
public static class ApiErrorMapper
{
    public static ApiError Map(Exception exception) => exception switch
    {
        InvalidApiTokenException e => new(StatusCodes.Status403Forbidden, ResponseTexts.InvalidApiKey, e.Message),
        MalformedBodyException e => new(StatusCodes.Status400BadRequest, ResponseTexts.BadRequest, e.Message),
        RequestLimitExceededException e => new(StatusCodes.Status400BadRequest, ResponseTexts.BadRequest, e.Message),
        RequestValidationException e => new(StatusCodes.Status400BadRequest, ResponseTexts.BadRequest, e.Message),
        InvalidValueException e => new(StatusCodes.Status400BadRequest, ResponseTexts.BadRequest, e.Detail),
        NotFoundException e => new(StatusCodes.Status404NotFound, ResponseTexts.NotFound, e.Detail),
        ProfileNotFoundException e => new(StatusCodes.Status404NotFound, ResponseTexts.NotFound, e.Detail),
        UnmatchedProfileException e => new(StatusCodes.Status404NotFound, ResponseTexts.ProfileNotFound, e.Detail),
        NoSuchProfileException e => new(StatusCodes.Status404NotFound, ResponseTexts.ProfileNotFound, e.Detail),
        ConflictException e => new(StatusCodes.Status409Conflict, ResponseTexts.Conflict, e.Detail),

        DuplicateInProgressException e => new(StatusCodes.Status503ServiceUnavailable, ResponseTexts.DuplicateInProgress, e.Message),
        TariffExceededException e => new(StatusCodes.Status402PaymentRequired, ResponseTexts.LimitExceeded, e.Detail),
        TariffLimitReachedException e => new(StatusCodes.Status402PaymentRequired, ResponseTexts.LimitReached, e.Detail),
        AmbiguousMatchException e => new(
            StatusCodes.Status409Conflict,
            ResponseTexts.AmbiguousMatch,
            e.Detail,
            new Dictionary<string, object> { ["candidates"] = e.Candidates.Select(c => c.Value).ToArray() }),
        UniquenessConflictException e => new(ResponseTexts.NotUniqueStatus, ResponseTexts.NotUnique, e.Detail, UniquenessExtra(e)),
        TooManyItemsException e => new(StatusCodes.Status413PayloadTooLarge, ResponseTexts.TooLarge, e.Message),
        RequestBodyTooLargeException e => new(StatusCodes.Status413PayloadTooLarge, ResponseTexts.TooLarge, e.Message),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            new(StatusCodes.Status413PayloadTooLarge, ResponseTexts.TooLarge),
        BadHttpRequestException e => new(e.StatusCode, ResponseTexts.BadRequest, e.Message),

        // Kestrel reports a chunk size past 64 bits as this, not as the BadHttpRequestException of every
        // other malformed chunk: the client's fault all the same.
        IOException { InnerException: OverflowException } e =>
            new(StatusCodes.Status400BadRequest, ResponseTexts.BadRequest, $"the request body is malformed: {e.Message}"),
        _ when DatabaseFailures.Classify(exception) is { } failure =>
            new(StatusCodes.Status503ServiceUnavailable, ResponseTexts.ServiceUnavailable, UnavailableDetail(failure)),
        _ => new(StatusCodes.Status500InternalServerError, ResponseTexts.InternalError),
    };

    /// <summary>What the client may conclude; only a failed COMMIT leaves it unsure whether the import was written.</summary>
    private static string UnavailableDetail(DatabaseFailure failure) => failure switch
    {
        DatabaseFailure.TimedOut => "the database did not answer in time; nothing was written, retry later",
        DatabaseFailure.CommitOutcomeUnknown =>
            "the connection to the database failed while committing; the import may have been written, check before retrying",
        _ => "the database is unavailable; nothing was written, retry later",
    };

    private static Dictionary<string, object> UniquenessExtra(UniquenessConflictException exception)
    {
        var extra = new Dictionary<string, object> { ["field"] = exception.Field };
        if (exception.ConflictingProfileId is { } other)
        {
            extra["conflicting_profile_id"] = other.Value;
        }

        return extra;
    }
}
