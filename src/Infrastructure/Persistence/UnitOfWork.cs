using Microsoft.EntityFrameworkCore;
using QuickImport.Application.Common.Persistence;

namespace QuickImport.Infrastructure.Persistence;

internal sealed class UnitOfWork(QuickImportDbContext db) : IUnitOfWork
{
    public Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(
            async ct =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var result = await work(ct);
                await transaction.CommitAsync(ct);
                return result;
            },
            cancellationToken);
}
