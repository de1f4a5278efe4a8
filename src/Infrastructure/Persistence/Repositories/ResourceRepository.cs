using Microsoft.EntityFrameworkCore;
using QuickImport.Domain.Subscriptions;

namespace QuickImport.Infrastructure.Persistence.Repositories;

internal sealed class ResourceRepository(QuickImportDbContext db) : IResourceRepository
{
    public Task<Resource?> FindAsync(int databaseId, int resourceId, CancellationToken cancellationToken) =>
        db.Resources.AsNoTracking()
            .FirstOrDefaultAsync(r => r.Id == resourceId && r.DatabaseId == databaseId, cancellationToken);

    public void Add(Resource resource) => db.Resources.Add(resource);
}
