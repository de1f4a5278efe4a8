using Microsoft.EntityFrameworkCore;
using Npgsql;
using QuickImport.Domain.Common;
using QuickImport.Application.Common.Persistence;

namespace QuickImport.Infrastructure.Persistence;

internal sealed class UnitOfWork(QuickImportDbContext db, SqlSession sql) : IUnitOfWork
{
    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two admins creating the same name at once: the unique index decides, the loser hears 409.
            throw new ConflictException("the name is already taken");
        }
    }

    public Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(
            async ct =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                try
                {
                    var result = await work(ct);

                    // The writes the work deferred go in one round trip, then the commit.
                    await sql.FlushAsync(ct);
                    await transaction.CommitAsync(ct);
                    return result;
                }
                catch
                {
                    sql.DiscardDeferred();
                    throw;
                }
            },
            cancellationToken);
}
