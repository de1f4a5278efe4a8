using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using QuickImport.Application.Common.Persistence;
using QuickImport.Domain.Common;
using QuickImport.Infrastructure.Persistence.Resilience;

namespace QuickImport.Infrastructure.Persistence;

/// <summary>
/// Transactions under <see cref="TransactionRetryStrategy"/>: a transaction the server rolled back,
/// or whose connection failed before the round trip of its COMMIT, runs again; one whose COMMIT may
/// have been carried out never does (ADR 20). Imports run their own transactions
/// (<see cref="Importing.PostgresProfileImportStore"/>).
/// </summary>
internal sealed class UnitOfWork(QuickImportDbContext db) : IUnitOfWork
{
    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (db.Database.CurrentTransaction is not null)
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }

            // EF Core's retry pattern: the changes are accepted only once committed, so a run again saves them again.
            await db.Database.CreateExecutionStrategy().ExecuteAsync(
                async ct =>
                {
                    await using var transaction = await db.Database.BeginTransactionAsync(ct);
                    await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, ct);
                    await CommitAsync(transaction, ct);
                },
                cancellationToken);
            db.ChangeTracker.AcceptAllChanges();
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two admins creating the same name at once: the unique index decides, the loser hears 409.
            throw new ConflictException("the name is already taken");
        }
    }

    public Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var runs = 0;
        return db.Database.CreateExecutionStrategy().ExecuteAsync(
            async ct =>
            {
                // A run again starts from nothing tracked: what the rolled-back run saved is gone.
                if (runs++ > 0)
                {
                    db.ChangeTracker.Clear();
                }

                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var result = await work(ct);
                await CommitAsync(transaction, ct);
                return result;
            },
            cancellationToken);
    }

    private static async Task CommitAsync(IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        try
        {
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception exception) when (DatabaseFailures.LeavesCommitUnknown(exception))
        {
            // The COMMIT may have reached the server: running the work again could write it twice.
            throw new CommitOutcomeUnknownException(exception);
        }
    }
}
