namespace QuickImport.Domain.Subscriptions;

public interface IResourceRepository
{
    /// <returns>The resource, or null when the database has no such resource.</returns>
    Task<Resource?> FindAsync(int databaseId, int resourceId, CancellationToken cancellationToken);

    void Add(Resource resource);
}
