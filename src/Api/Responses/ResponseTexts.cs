using Microsoft.AspNetCore.WebUtilities;

namespace QuickImport.Api.Responses;

/// <summary>The response texts of docs/api.md §1, word for word as Altcraft sends them.</summary>
public static class ResponseTexts
{
    public const string Success = "Successful operation";
    public const string Added = "Successfully added";
    public const string BadRequest = "Bad request, please verify request parameters";
    public const string LimitReached = "Tariff account limit reached";
    public const string LimitExceeded = "Account exceeds tariff limits";
    public const string InvalidApiKey = "Invalid API key";
    public const string NotFound = "No database or subscription resource found";
    public const string AmbiguousMatch = "More than one profiles matches, inaccurate matching";
    public const string TooLarge = "Request body too large";
    public const string NotUnique = "Unable to keep field unique";
    public const string InternalError = "Internal server error";
    public const string ProfileNotFound = "Profile not found";
    public const string Conflict = "Conflict";
    public const string TooManyRequests = "Too many requests";
    public const string DuplicateInProgress = "Duplicate request is still being processed";

    /// <summary>The database cannot be reached or did not answer in time: the service's own answer, not one of Altcraft's (ADR 20).</summary>
    public const string ServiceUnavailable = "Service temporarily unavailable";

    /// <summary>Altcraft's own status for a uniqueness conflict.</summary>
    public const int NotUniqueStatus = 435;

    /// <summary>
    /// The reason phrase of a status the HTTP standard does not name — the only one the service sends
    /// is 435 — which Kestrel would otherwise leave empty (<c>HTTP/1.1 435 </c>); null for a standard
    /// status, whose phrase Kestrel writes itself.
    /// </summary>
    public static string? NonStandardReasonPhrase(int status) => status == NotUniqueStatus ? NotUnique : null;

    /// <summary>The reason phrase of any status the service sends.</summary>
    public static string ReasonPhrase(int status) => NonStandardReasonPhrase(status) ?? ReasonPhrases.GetReasonPhrase(status);
}
