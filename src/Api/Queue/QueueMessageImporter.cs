using Mediator;
using Microsoft.Extensions.Options;
using QuickImport.Api.Binding;
using QuickImport.Api.Deduplication;
using QuickImport.Api.Errors;
using QuickImport.Application.Common.Deduplication;
using QuickImport.Application.Profiles.ImportProfiles;

namespace QuickImport.Api.Queue;

/// <summary>
/// Turns one message of <c>database_import</c> into its result: reads it, runs its import in a DI
/// scope of its own through the same command and engine as the HTTP imports, deduplicated as they are (its claim commits with the import and its
/// answer, ADR 33, 34), and replays the stored result of a message already imported.
/// </summary>
public sealed partial class QueueMessageImporter(
    IServiceScopeFactory scopes,
    IRequestDeduplicationStore store,
    IOptions<DeduplicationSettings> deduplication,
    TimeProvider clock,
    ILogger<QueueMessageImporter> logger)
{
    /// <returns>
    /// The result to publish; null when the message must stay queued and come back: the database is
    /// unavailable, or an identical message is still being imported.
    /// </returns>
    public async Task<StoredResponse?> AnswerAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ImportMessage message;
        try
        {
            message = ImportMessage.Parse(body);
        }
        catch (MalformedBodyException e)
        {
            // Never requeued: it would come back malformed for ever.
            return ImportResultMessage.Error(ImportMessage.FeedbackIdOf(body), matchingField: null, ApiErrorMapper.Map(e));
        }

        await using var scope = scopes.CreateAsyncScope();
        var claim = scope.ServiceProvider.GetRequiredService<RequestClaim>();
        var settings = deduplication.Value;
        if (settings.Enabled)
        {
            var key = DeduplicationKey.ForMessage(message.AccountId, message.FeedbackId?.GetRawText(), body.Span);
            claim.Request(key, clock.GetUtcNow(), settings.Lease, settings.Window);
        }

        StoredResponse answer;
        try
        {
            // As the HTTP import does: what an import that commits answers is stored with its claim by that COMMIT (ADR 34).
            claim.AnswerWith<ImportResult>(imported => ImportResultMessage.Of(message, imported.Items[0]));
            var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(message.Command, cancellationToken);
            answer = ImportResultMessage.Of(message, result.Items[0]);
        }
        catch (Exception) when (claim.State is RequestClaimState.Taken)
        {
            // Imported before (a redelivery, or published twice): what this run did was rolled back.
            return await ReplayAsync(claim.Key!, settings, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (claim.State is RequestClaimState.Held)
            {
                await store.ReleaseAsync(claim.Key!, claim.AsStored, CancellationToken.None);
            }

            var error = ApiErrorMapper.Map(e);
            if (error.Status is StatusCodes.Status503ServiceUnavailable)
            {
                return null;
            }

            if (error.Status is StatusCodes.Status500InternalServerError)
            {
                LogImportFailed(logger, e);
            }

            answer = ImportResultMessage.Error(message, error);
        }

        if (claim.State is RequestClaimState.Held)
        {
            // Committed without its answer: stored now, behind the COMMIT, as the HTTP import does.
            await store.CompleteAsync(claim.Key!, claim.AsStored, answer, claim.AnswerExpires, cancellationToken);
        }

        return answer;
    }

    private async Task<StoredResponse?> ReplayAsync(string key, DeduplicationSettings settings, CancellationToken cancellationToken)
    {
        switch (await store.ClaimAsync(key, settings.Lease, cancellationToken))
        {
            case DeduplicationClaim.Completed completed:
                return completed.Response;
            case DeduplicationClaim.Claimed freed:
                // The identical message gave its key up without a result: this one is imported when it comes back.
                await store.ReleaseAsync(key, freed, CancellationToken.None);
                return null;
            default:
                return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A queued import failed unexpectedly; answered 500")]
    private static partial void LogImportFailed(ILogger logger, Exception exception);
}
