using System.Diagnostics;
using System.Globalization;
using QuickImport.Api.Controllers;
using QuickImport.Api.Responses;
using QuickImport.Application.Common.Security;
using QuickImport.Application.Profiles.ImportProfiles;
using QuickImport.Infrastructure.Persistence.Diagnostics;

namespace QuickImport.Api.Observability;

/// <summary>
/// Outermost: opens the logging scope with the request id for everything logged while a request runs,
/// and, when an import request has been answered, counts it and writes one line about it — its status,
/// outcome, account, matching mode and database round trips; never its token, parameters or body.
/// </summary>
internal sealed partial class ImportTelemetryMiddleware(
    RequestDelegate next,
    ImportMetrics metrics,
    ILogger<ImportTelemetryMiddleware> logger)
{
    private const string ImportPath = "/" + ProfileImportController.Route;
    private const string ImportFamilyPath = "/" + ProfileImportsController.Route;

    public async Task InvokeAsync(HttpContext context)
    {
        using var scope = logger.BeginScope(new RequestIdScope(RequestId.Of(context)));
        if (!IsImport(context.Request))
        {
            await next(context);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var failed = true;
        try
        {
            await next(context);
            failed = false;
        }
        finally
        {
            Answered(context, failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode, Stopwatch.GetElapsedTime(started));
        }
    }

    // The endpoints answer with and without a trailing slash.
    private static bool IsImport(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && request.Path.Value?.TrimEnd('/') is { } path
        && (string.Equals(path, ImportPath, StringComparison.OrdinalIgnoreCase)
            || ProfileImportsController.Calls.Any(call => string.Equals(path, $"{ImportFamilyPath}/{call}", StringComparison.OrdinalIgnoreCase)));

    private void Answered(HttpContext context, int status, TimeSpan elapsed)
    {
        var services = context.RequestServices;
        var success = Success(context);
        var outcome = success ?? status.ToString(CultureInfo.InvariantCulture);
        var matching = Matching(context);
        var roundTrips = services.GetService<DatabaseRoundTrips>()?.Count ?? 0;
        int? accountId = services.GetService<CurrentAccount>() is { IsAuthenticated: true } account ? account.Id : null;

        metrics.Answered(outcome, matching, roundTrips);
        // A failure's outcome tag is its status; the line says the status once and then its reason phrase.
        LogAnswered(logger, status, success ?? ResponseTexts.ReasonPhrase(status), Math.Round(elapsed.TotalMilliseconds, 1), accountId, matching, roundTrips);
    }

    /// <summary>Created, updated or answered from an earlier request's stored outcome (duplicate); null for a failure.</summary>
    private static string? Success(HttpContext context) => context.RequestServices.GetService<ImportOutcome>()?.Success;

    /// <summary>The mode's wire name, as the command read it: a bounded set of values, whatever the client sent.</summary>
    private static string Matching(HttpContext context) => context.Features.Get<ImportProfilesCommand>()?.Matching switch
    {
        null => "unknown", // not read: the body was too large or malformed
        { Mode: null } => "invalid",
        { } matching => matching.Name,
    };

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Import answered {Status} {Outcome} in {ElapsedMs} ms (account {AccountId}, matching {Matching}, {DbRoundTrips} database round trips)")]
    private static partial void LogAnswered(
        ILogger logger, int status, string outcome, double elapsedMs, int? accountId, string matching, int dbRoundTrips);
}
