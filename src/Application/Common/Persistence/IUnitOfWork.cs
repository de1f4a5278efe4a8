namespace QuickImport.Application.Common.Persistence;

/// <summary>Runs work in one database transaction: all of it is written, or none.</summary>
public interface IUnitOfWork
{
    /// <summary>
    /// Writes the changes made to tracked entities: in the current transaction, else in one of its own.
    /// Within a transaction, call it once; the changes count as saved when the transaction commits.
    /// </summary>
    Task SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction and commits it. The work may run more than once
    /// (a deadlock, or a connection lost before COMMIT, rolls the earlier run back): it must redo
    /// everything it writes, and add the entities it saves before the call, not inside the work.
    /// </summary>
    Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken);
}
