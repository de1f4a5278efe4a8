using Microsoft.EntityFrameworkCore;
using QuickImport.Domain.Subscriptions;
using QuickImport.Infrastructure.Caching;

namespace QuickImport.Infrastructure.Persistence.Repositories;

internal sealed class ResourceRepository(QuickImportDbContext db, MetadataCache cache) : IResourceRepository
{
    public Task<Resource?> FindAsync(int databaseId, int resourceId, CancellationToken cancellationToken) =>
        cache.GetOrLoadAsync(
            new ResourceKey(databaseId, resourceId),
            ct => db.Resources.AsNoTracking().FirstOrDefaultAsync(r => r.Id == resourceId && r.DatabaseId == databaseId, ct),
            cancellationToken);

    public void Add(Resource resource) => db.Resources.Add(resource);

    private readonly record struct ResourceKey(int DatabaseId, int ResourceId);
}
