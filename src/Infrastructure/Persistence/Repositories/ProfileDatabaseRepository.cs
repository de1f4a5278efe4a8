using Microsoft.EntityFrameworkCore;
using QuickImport.Domain.Databases;

namespace QuickImport.Infrastructure.Persistence.Repositories;

internal sealed class ProfileDatabaseRepository(QuickImportDbContext db) : IProfileDatabaseRepository
{
    public Task<ProfileDatabase?> FindAsync(int accountId, int databaseId, CancellationToken cancellationToken) =>
        db.Databases.AsNoTracking()
            .Include(d => d.CustomFields)
            .FirstOrDefaultAsync(d => d.Id == databaseId && d.AccountId == accountId, cancellationToken);

    public Task<ProfileDatabase?> GetForChangeAsync(int databaseId, CancellationToken cancellationToken) =>
        db.Databases.Include(d => d.CustomFields).FirstOrDefaultAsync(d => d.Id == databaseId, cancellationToken);

    public void Add(ProfileDatabase database) => db.Databases.Add(database);
}
