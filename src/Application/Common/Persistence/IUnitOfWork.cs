namespace QuickImport.Application.Common.Persistence;

/// <summary>Runs work in one database transaction: all of it is written, or none.</summary>
public interface IUnitOfWork
{
    /// <summary>Writes the changes made to tracked entities: in the current transaction, else in one of its own.</summary>
    Task SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction and commits it. The work may run more than once
    /// (a deadlock, or a connection lost before COMMIT, rolled the earlier run back), each time with
    /// nothing tracked: it must load, add and write everything it saves itself.
    /// </summary>
    Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken);
}
