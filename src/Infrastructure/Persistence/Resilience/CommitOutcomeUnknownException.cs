namespace QuickImport.Infrastructure.Persistence.Resilience;

/// <summary>
/// The connection failed while COMMIT was being sent or answered: the server may have written the
/// transaction or not, so it must not run again (a second run could launch a trigger twice).
/// </summary>
internal sealed class CommitOutcomeUnknownException(Exception cause)
    : Exception("The connection failed during COMMIT; the transaction may or may not have been committed.", cause);
