namespace QuickImport.Api.Queue;

/// <summary>
/// SEAM, to be replaced: the import engine the queue must run (one engine for every entry point,
/// trusted by account rather than token) is not on this branch yet. Until it is, every message that
/// parses is answered 500 and acknowledged; malformed ones are answered 400 as they will be.
/// </summary>
internal sealed class EngineNotWired : IQueueImportEngine
{
    public Task<QueueImportOutcome> ImportAsync(
        ImportMessage message, Func<QueueImportOutcome, Application.Common.Deduplication.StoredResponse> answerOf, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the import engine is not wired to the queue yet");
}
