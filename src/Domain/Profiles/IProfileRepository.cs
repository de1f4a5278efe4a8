using QuickImport.Domain.Matching;

namespace QuickImport.Domain.Profiles;

/// <summary>
/// The profiles of databases, as one import reads and writes them inside its transaction. Writes may
/// be sent with the transaction's commit: their errors (a unique value taken concurrently) surface there.
/// </summary>
public interface IProfileRepository
{
    /// <summary>
    /// What an import decides on, in one go: first serializes this transaction with every other one
    /// touching any of the identities (normalized identifiers and unique values) of the database,
    /// until it ends; then finds the holders of the unique values and the profiles the criteria match,
    /// reading them whole and locking them for this transaction.
    /// </summary>
    Task<ProfileSearch> SearchAsync(
        int databaseId,
        IReadOnlyCollection<string> identities,
        MatchCriteria criteria,
        IReadOnlyList<UniqueValue> uniqueValues,
        CancellationToken cancellationToken);

    /// <summary>The distinct profiles the criteria find, through indexes.</summary>
    Task<IReadOnlyList<ProfileId>> FindMatchesAsync(int databaseId, MatchCriteria criteria, CancellationToken cancellationToken);

    /// <summary>Reads a profile without locking it.</summary>
    Task<Profile?> FindAsync(int databaseId, ProfileId id, CancellationToken cancellationToken);

    /// <summary>Writes a new profile as the holder of the values.</summary>
    /// <exception cref="UniquenessConflictException">A unique value was taken concurrently (here or at commit).</exception>
    Task AddAsync(Profile profile, IReadOnlyList<UniqueValue> uniqueValues, CancellationToken cancellationToken);

    /// <summary>Writes the profile and makes it the holder of the values (releasing its old values of those fields).</summary>
    /// <exception cref="UniquenessConflictException">A unique value was taken concurrently (here or at commit).</exception>
    Task UpdateAsync(Profile profile, IReadOnlyList<UniqueValue> uniqueValues, CancellationToken cancellationToken);
}
