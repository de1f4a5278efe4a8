using QuickImport.Domain.Matching;

namespace QuickImport.Domain.Profiles;

/// <summary>The profiles of databases, as the read API finds them (imports read and write through their own store).</summary>
public interface IProfileRepository
{
    /// <summary>The distinct profiles the criteria find, through indexes.</summary>
    Task<IReadOnlyList<ProfileId>> FindMatchesAsync(int databaseId, MatchCriteria criteria, CancellationToken cancellationToken);

    /// <summary>Reads a profile without locking it.</summary>
    Task<Profile?> FindAsync(int databaseId, ProfileId id, CancellationToken cancellationToken);
}
