namespace QuickImport.Application.Common.Persistence;

/// <summary>Runs work in one database transaction: all of it is written, or none.</summary>
public interface IUnitOfWork
{
    /// <summary>Writes the changes made to tracked entities.</summary>
    Task SaveChangesAsync(CancellationToken cancellationToken);

    Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken);
}
