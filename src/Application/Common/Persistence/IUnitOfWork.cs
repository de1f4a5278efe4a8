namespace QuickImport.Application.Common.Persistence;

/// <summary>Runs work in one database transaction: all of it is written, or none.</summary>
public interface IUnitOfWork
{
    Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken);
}
