using QuickImport.Domain.Importing;

namespace QuickImport.Application.Profiles.ImportProfiles;

/// <summary>The statements of one import's transaction, in the order they run; search, claim and write again for each chunk of a large import.</summary>
public interface IImportTransaction
{
    /// <summary>
    /// Takes, with the next search, the locks of an import searched for in several chunks, in one
    /// order whatever the order of its items: the account's tariff, as a search joins it, the
    /// identities of <paramref name="whole"/> no unique index guards, then every stored profile its
    /// items match, in id order. Two imports sharing
    /// profiles so wait for each other once, instead of each holding some of what the other's later
    /// chunks need.
    /// </summary>
    void LockAll(ImportSearch whole);

    /// <summary>
    /// Joins the account's tariff, takes turns with every import sharing an identity no unique index
    /// guards, then reads the profiles the items match (locking them), the subscribers of their
    /// contacts and the holders of their unique values.
    /// </summary>
    Task<ImportSnapshot> SearchAsync(ImportSearch search, CancellationToken cancellationToken);

    /// <summary>Claims room under the account's limit for up to <paramref name="wanted"/> new profiles, held until the transaction ends.</summary>
    /// <returns>How many the account has room for.</returns>
    Task<int> ClaimRoomAsync(int wanted, CancellationToken cancellationToken);

    /// <summary>What the transaction writes, sent with its COMMIT; <paramref name="unusedRoom"/> claimed room goes back.</summary>
    void Write(ImportWrites writes, int unusedRoom);
}
