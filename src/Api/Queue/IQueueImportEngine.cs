using QuickImport.Application.Common.Deduplication;

namespace QuickImport.Api.Queue;

/// <summary>
/// Runs a message's import through the import engine, as the HTTP import does (no second copy of
/// its rules), in the message's DI scope, whose <see cref="RequestClaim"/> the engine's transaction
/// commits.
/// </summary>
public interface IQueueImportEngine
{
    /// <param name="answerOf">The result the message gets should its import commit: stored with the claim by that COMMIT.</param>
    /// <exception cref="Exception">Whatever refuses the request as a whole (unknown account or database, a malformed item), as the HTTP import throws it.</exception>
    Task<QueueImportOutcome> ImportAsync(ImportMessage message, Func<QueueImportOutcome, StoredResponse> answerOf, CancellationToken cancellationToken);
}
