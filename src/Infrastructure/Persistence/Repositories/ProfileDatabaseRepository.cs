using Microsoft.EntityFrameworkCore;
using QuickImport.Domain.Databases;
using QuickImport.Infrastructure.Caching;

namespace QuickImport.Infrastructure.Persistence.Repositories;

internal sealed class ProfileDatabaseRepository(QuickImportDbContext db, MetadataCache cache) : IProfileDatabaseRepository
{
    public Task<ProfileDatabase?> FindAsync(int accountId, int databaseId, CancellationToken cancellationToken) =>
        cache.GetOrLoadAsync(
            new DatabaseKey(accountId, databaseId),
            ct => db.Databases.AsNoTracking()
                .Include(d => d.CustomFields)
                .FirstOrDefaultAsync(d => d.Id == databaseId && d.AccountId == accountId, ct),
            cancellationToken);

    public Task<ProfileDatabase?> GetForChangeAsync(int databaseId, CancellationToken cancellationToken) =>
        db.Databases.Include(d => d.CustomFields).FirstOrDefaultAsync(d => d.Id == databaseId, cancellationToken);

    public void Add(ProfileDatabase database) => db.Databases.Add(database);

    private readonly record struct DatabaseKey(int AccountId, int DatabaseId);
}
