using QuickImport.Api.Binding;
using QuickImport.Api.Deduplication;
using QuickImport.Api.Errors;
using QuickImport.Api.Responses;

namespace QuickImport.Api.Queue;

/// <summary>
/// Turns a window of messages of <c>database_import</c> into their results: reads each, and imports
/// them through the same deduplicated import as the HTTP calls (<see cref="DeduplicatedImports"/>),
/// so a message imported before — a redelivery, or one published twice — is answered with its first
/// result. Consecutive messages that one import can take run as one batch (<see cref="ImportBatches"/>,
/// ADR 42), each still answered as it would be alone; whatever such a batch cannot answer that way
/// is imported a message at a time, each in a DI scope of its own.
/// </summary>
public sealed partial class QueueMessageImporter(IServiceScopeFactory scopes, ILogger<QueueMessageImporter> logger)
{
    /// <returns>
    /// Each message's result to publish, in the window's order; null for a message that must stay
    /// queued and come back: the database is unavailable, or an identical message is still being imported.
    /// </returns>
    public async Task<RenderedAnswer?[]> AnswerEachAsync(IReadOnlyList<ReadOnlyMemory<byte>> bodies, CancellationToken cancellationToken)
    {
        var results = new RenderedAnswer?[bodies.Count];
        var window = new QueuedImport?[bodies.Count];
        for (var i = 0; i < bodies.Count; i++)
        {
            try
            {
                var message = ImportMessage.Parse(bodies[i]);
                window[i] = new QueuedImport(message, DeduplicationKey.ForMessage(message.AccountId, message.FeedbackId?.GetRawText(), bodies[i].Span));
            }
            catch (MalformedBodyException e)
            {
                // Never requeued: it would come back malformed for ever.
                results[i] = ImportResultMessage.Error(ImportMessage.FeedbackIdOf(bodies[i]), matchingField: null, ApiErrorMapper.Map(e));
            }
        }

        foreach (var batch in ImportBatches.Of(window))
        {
            var answers = batch.Count > 1 ? await TryBatchAsync([.. batch.Select(i => window[i]!)], cancellationToken) : new ImportAnswer?[1];
            if (answers is null)
            {
                // The database is unavailable: the batch's results stay null, its messages go back to the queue.
                continue;
            }

            for (var i = 0; i < batch.Count; i++)
            {
                var queued = window[batch[i]]!;
                results[batch[i]] = answers[i] is { } answer
                    ? ImportResultMessage.Of(queued.Message, answer)
                    : await AnswerAloneAsync(queued, cancellationToken);
            }
        }

        return results;
    }

    /// <summary>The batch's answers, null for a message to import alone; null for them all when the database is unavailable (all go back to the queue).</summary>
    private async Task<ImportAnswer?[]?> TryBatchAsync(IReadOnlyList<QueuedImport> batch, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            return await scope.ServiceProvider.GetRequiredService<DeduplicatedImports>().RunEachAsync(
                ImportBatches.Command([.. batch.Select(m => m.Message)]),
                [.. batch.Select(m => m.Key)],
                cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (ApiErrorMapper.Map(e).Status is StatusCodes.Status503ServiceUnavailable)
            {
                return null;
            }

            // Refused as a whole, or a key taken meanwhile: each message alone gets exactly its own answer.
            LogBatchRunAlone(logger, batch.Count, e.GetType().Name, e.Message);
            return new ImportAnswer?[batch.Count];
        }
    }

    private async Task<RenderedAnswer?> AnswerAloneAsync(QueuedImport queued, CancellationToken cancellationToken)
    {
        var message = queued.Message;
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            var answer = await scope.ServiceProvider.GetRequiredService<DeduplicatedImports>().RunAsync(message.Command, queued.Key, waitWhileHeld: false, cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "A batch of {Count} queued messages is imported a message at a time ({Error}: {Reason})")]
    private static partial void LogBatchRunAlone(ILogger logger, int count, string error, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A queued import failed unexpectedly; answered 500")]
    private static partial void LogImportFailed(ILogger logger, Exception exception);
}
