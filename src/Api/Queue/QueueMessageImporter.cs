using QuickImport.Api.Binding;
using QuickImport.Api.Deduplication;
using QuickImport.Api.Errors;
using QuickImport.Api.Responses;

namespace QuickImport.Api.Queue;

/// <summary>
/// Turns one message of <c>database_import</c> into its result: reads it, runs its import in a DI
/// scope of its own through the same deduplicated import as the HTTP calls
/// (<see cref="DeduplicatedImports"/>), so a message imported before — a redelivery, or one published
/// twice — is answered with its first result.
/// </summary>
public sealed partial class QueueMessageImporter(IServiceScopeFactory scopes, ILogger<QueueMessageImporter> logger)
{
    /// <returns>
    /// The result to publish; null when the message must stay queued and come back: the database is
    /// unavailable, or an identical message is still being imported.
    /// </returns>
    public async Task<RenderedAnswer?> AnswerAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
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
        var key = DeduplicationKey.ForMessage(message.AccountId, message.FeedbackId?.GetRawText(), body.Span);
        try
        {
            var answer = await scope.ServiceProvider.GetRequiredService<DeduplicatedImports>().RunAsync(message.Command, key, cancellationToken);
            return ImportResultMessage.Of(message, answer);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var error = ApiErrorMapper.Map(e);
            if (error.Status is StatusCodes.Status503ServiceUnavailable)
            {
                return null;
            }

            if (error.Status is StatusCodes.Status500InternalServerError)
            {
                LogImportFailed(logger, e);
            }

            return ImportResultMessage.Error(message, error);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A queued import failed unexpectedly; answered 500")]
    private static partial void LogImportFailed(ILogger logger, Exception exception);
}
