namespace QuickImport.Domain.Databases;

public interface IProfileDatabaseRepository
{
    /// <returns>The database with its custom fields, or null when the account has no such database.</returns>
    Task<ProfileDatabase?> FindAsync(int accountId, int databaseId, CancellationToken cancellationToken);

    /// <returns>The database with its custom fields, tracked for changes, or null.</returns>
    Task<ProfileDatabase?> GetForChangeAsync(int databaseId, CancellationToken cancellationToken);

    void Add(ProfileDatabase database);
}
